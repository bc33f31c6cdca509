package keys.server;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import keys.domain.Secrets;
import keys.store.FsyncPolicy;

/** What a {@link KeysServer.Builder} was told, as one value; null means not given. */
record Settings(Path dataDirectory, boolean inMemory, InetSocketAddress listen, String urlPrefix, String ingestUrl,
                boolean orgIngestSubdomains, String jsSdkLoaderCdnUrl, boolean rateLimits, boolean demo,
                FsyncPolicy fsync, Long compactThreshold, boolean accessLog, String adminToken,
                PrintStream out, PrintStream err, Path readyFile, TestModeSettings test) {

    /** Refuses what {@code keys serve} refuses as a usage error, with its messages. */
    void validate() {
        test.validate(dataDirectory);
        if (inMemory() && dataDirectory != null) {
            throw new KeysServerConfigException("keys serve: --in-memory keeps no data directory; drop --data");
        }
        if (inMemory() && fsync != null) {
            throw new KeysServerConfigException("keys serve: --in-memory writes no files; drop --fsync");
        }
        if (inMemory() && compactThreshold != null) {
            throw new KeysServerConfigException("keys serve: --in-memory keeps no log; drop --compact-threshold");
        }
        if (!inMemory() && dataDirectory == null) {
            throw new KeysServerConfigException("keys serve: give a data directory (--data) or --in-memory");
        }
        if (compactThreshold != null && compactThreshold < 4096) {
            throw new KeysServerConfigException("--compact-threshold must be a number of bytes >= 4096, not '"
                    + compactThreshold + "'");
        }
        if (listen == null) {
            throw new KeysServerConfigException("keys serve: --listen needs HOST:PORT");
        }
        if (givenAdminToken() && !Secrets.isUserToken(adminToken)) {
            throw new KeysServerConfigException("KEYS_ADMIN_TOKEN must be sntryu_ followed by 64 lowercase hex digits");
        }
    }

    /** In memory: asked for, or implied by test mode. */
    @Override
    public boolean inMemory() {
        return inMemory || test.on();
    }

    boolean givenAdminToken() {
        return adminToken != null && !adminToken.isEmpty();
    }
}
