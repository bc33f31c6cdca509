package keys.domain;

import java.util.List;

/** Helpers for the id lists records carry. */
final class Ids {
    private Ids() {
    }

    static List<Long> sortedUnique(List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return ids.stream().sorted().distinct().toList();
    }
}
