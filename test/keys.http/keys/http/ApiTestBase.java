package keys.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A real server on a loopback port for one test class, and a JSON client for it. */
abstract class ApiTestBase {
    static TestServer ts;
    static MgmtClient api;

    @BeforeAll
    static void start() {
        ts = TestServer.start();
        api = new MgmtClient(ts);
    }

    @AfterAll
    static void stop() {
        ts.close();
    }
}
