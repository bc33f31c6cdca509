/** A program that embeds keys as a consumer would: it sees only what keys.server exports. */
module keys.consumer {
    requires keys.server;
    requires java.net.http;
}
