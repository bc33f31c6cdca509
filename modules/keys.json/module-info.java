/** JSON: a fast compact encoder and a strict RFC 8259 parser. No dependencies. */
module keys.json {
    exports keys.json;
}
