package keys.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import keys.domain.AuditEntry;

/**
 * Every audit entry of a state by id, as the export and the checks list them, one at a time: the
 * rows on disk are read as they are reached, never all held at once. An organization's log is
 * in (time, id) order, which is id order unless entries were backdated; the organizations are
 * then merged by id.
 */
final class AuditOrder {
    private AuditOrder() {
    }

    static void forEach(State state, Consumer<AuditEntry> sink) {
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparingLong(Cursor::id));
        for (Map.Entry<Long, AuditLog> e : state.auditByOrg.entrySet()) {
            Cursor c = new Cursor(e.getKey(), e.getValue(), byId(e.getValue()));
            if (c.hasNext()) {
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            Cursor c = queue.poll();
            sink.accept(c.log.get(c.orgId, c.position(), state.auditRows));
            c.next++;
            if (c.hasNext()) {
                queue.add(c);
            }
        }
    }

    /** The log's positions by id, or null when that is the log's own order. */
    private static int[] byId(AuditLog log) {
        boolean sorted = true;
        for (int i = 1; i < log.size() && sorted; i++) {
            sorted = log.id(i - 1) < log.id(i);
        }
        if (sorted) {
            return null;
        }
        Integer[] order = new Integer[log.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(log::id));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static final class Cursor {
        final long orgId;
        final AuditLog log;
        final int[] order;
        int next;

        Cursor(long orgId, AuditLog log, int[] order) {
            this.orgId = orgId;
            this.log = log;
            this.order = order;
        }

        boolean hasNext() {
            return next < log.size();
        }

        int position() {
            return order == null ? next : order[next];
        }

        long id() {
            return log.id(position());
        }
    }
}
