package keys.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit index in a snapshot (format 3): one frame per chunk of an organization's log, its
 * columns as varints, so that opening builds the in-memory index without reading a row. Every
 * row it points at lies below the snapshot's {@code auditEnd} and was synced before it.
 *
 * <pre>
 * frame = kind (u8, 4) orgId n (varint) then n times: id micros event actor target targetUser locator
 * </pre>
 */
final class AuditIndexBlock {
    static final int KIND = 4;

    private AuditIndexBlock() {
    }

    /** The frames of {@code state}'s index, by organization id; every row must be on disk. */
    static List<byte[]> frames(State state) {
        List<byte[]> out = new ArrayList<>();
        List<Long> orgs = new ArrayList<>(state.auditByOrg.keySet());
        orgs.sort(null);
        for (long org : orgs) {
            for (AuditLog.Chunk c : state.auditByOrg.get(org).chunks()) {
                PayloadWriter w = new PayloadWriter(16 + c.size() * 24);
                w.u8(KIND);
                w.varLong(org);
                w.varInt(c.size());
                for (int i = 0; i < c.size(); i++) {
                    if (c.locators()[i] == AuditLog.IN_MEMORY) {
                        throw new IllegalStateException("audit entry " + c.ids()[i] + " has no row on disk");
                    }
                    w.varLong(c.ids()[i]);
                    w.varLong(zigzag(c.micros()[i]));
                    w.varInt(c.events()[i]);
                    w.varLong(c.actors()[i]);
                    w.varLong(c.targets()[i]);
                    w.varLong(c.targetUsers()[i]);
                    w.varLong(c.locators()[i]);
                }
                out.add(w.toByteArray());
            }
        }
        return out;
    }

    /** Collects frames as a snapshot is read, then builds the logs. */
    static final class Reader {
        private final Map<Long, List<AuditLog.Chunk>> chunks = new HashMap<>();
        private final long end;
        private long rows;

        Reader(long auditEnd) {
            this.end = auditEnd;
        }

        void add(byte[] p) throws PayloadFormatException {
            PayloadReader r = new PayloadReader(p, 0, p.length);
            if (r.u8() != KIND) {
                throw new PayloadFormatException("not an audit index frame");
            }
            long org = r.varLong();
            int n = r.count(7);
            if (n == 0 || n > AuditLog.MAX_CHUNK) {
                throw new PayloadFormatException("audit index chunk of " + n + " rows");
            }
            AuditLog.Chunk c = new AuditLog.Chunk(new long[n], new long[n], new int[n], new long[n], new long[n],
                    new long[n], new long[n], null, null);
            for (int i = 0; i < n; i++) {
                c.ids()[i] = r.varLong();
                c.micros()[i] = unzigzag(r.varLong());
                c.events()[i] = r.varInt();
                c.actors()[i] = r.varLong();
                c.targets()[i] = r.varLong();
                c.targetUsers()[i] = r.varLong();
                long locator = r.varLong();
                if (locator <= 0 || AuditRowFile.file(locator) > AuditRowFile.file(end)
                        || AuditRowFile.file(locator) == AuditRowFile.file(end)
                        && AuditRowFile.offset(locator) >= AuditRowFile.offset(end)) {
                    throw new PayloadFormatException("audit entry " + c.ids()[i] + " points past the rows the snapshot"
                            + " covers");
                }
                c.locators()[i] = locator;
            }
            r.expectEnd();
            rows += n;
            chunks.computeIfAbsent(org, k -> new ArrayList<>()).add(c);
        }

        long rows() {
            return rows;
        }

        Map<Long, AuditLog> logs() {
            Map<Long, AuditLog> out = new HashMap<>();
            chunks.forEach((org, list) -> out.put(org, AuditLog.ofChunks(list.toArray(AuditLog.Chunk[]::new))));
            return out;
        }
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    private static long unzigzag(long v) {
        return v >>> 1 ^ -(v & 1);
    }
}
