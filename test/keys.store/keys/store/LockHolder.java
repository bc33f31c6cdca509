package keys.store;

import java.nio.file.Path;

/** Run in a child JVM by {@link StoreLockTest}: opens a store, says so, and holds it until stdin closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(Path.of(args[0]), Fixtures.FAST)) {
            System.out.println("locked " + store.directory());
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
