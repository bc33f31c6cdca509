/** The records and rules every other module shares: entities, validation, roles and scopes. */
module keys.domain {
    requires transitive keys.json;
    exports keys.domain;
}
