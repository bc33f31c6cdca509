package keys.server;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import keys.domain.Secrets;
import keys.domain.Urls;
import keys.store.FsyncPolicy;

/** What a {@link KeysServer.Builder} was told, as one value; null means not given. */
record Settings(Path dataDirectory, boolean inMemory, InetSocketAddress listen, String urlPrefix, String ingestUrl,
                boolean orgIngestSubdomains, String jsSdkLoaderCdnUrl, boolean rateLimits, boolean demo,
                FsyncPolicy fsync, Long compactThreshold, Integer auditRetentionDays, boolean accessLog, String adminToken,
                PrintStream out, PrintStream err, Path readyFile, TestModeSettings test) {

    /** A million days: far past any use, far from overflowing the clock's microseconds. */
    static final int MAX_RETENTION_DAYS = 1_000_000;

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
        if (inMemory() && auditRetentionDays != null) {
            throw new KeysServerConfigException("keys serve: --in-memory never compacts, so never drops audit entries;"
                    + " drop --audit-retention-days");
        }
        if (auditRetentionDays != null && (auditRetentionDays < 0 || auditRetentionDays > MAX_RETENTION_DAYS)) {
            throw new KeysServerConfigException("--audit-retention-days must be a whole number of days from 1 to "
                    + MAX_RETENTION_DAYS + " (0: keep forever), not '" + auditRetentionDays + "'");
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
        url("--url-prefix", urlPrefix);
        url("--ingest-url", ingestUrl);
        url("--js-sdk-loader-cdn-url", jsSdkLoaderCdnUrl);
        if (givenAdminToken() && !Secrets.isUserToken(adminToken)) {
            throw new KeysServerConfigException("KEYS_ADMIN_TOKEN must be sntryu_ followed by 64 lowercase hex digits");
        }
    }

    /** A URL setting, when given, meets {@link Urls#problem}: {@code example.com} would empty every DSN. */
    private static void url(String flag, String url) {
        String problem = url == null ? null : Urls.problem(url);
        if (problem != null) {
            throw new KeysServerConfigException("keys serve: " + flag + " '" + url + "' " + problem);
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
