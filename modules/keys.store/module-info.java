/** The durable append log with in-memory indexes. */
module keys.store {
    requires transitive keys.domain;
    exports keys.store;
}
