package keys.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A decoded query string: repeated names kept in order; one value per name means the last one. */
final class QueryParams {
    static final QueryParams EMPTY = new QueryParams(new LinkedHashMap<>());

    private final LinkedHashMap<String, List<String>> values; // names in order of first appearance

    private QueryParams(LinkedHashMap<String, List<String>> values) {
        this.values = values;
    }

    /** Parses a raw (still encoded) query, leniently as Django does: it never fails. */
    static QueryParams parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = UrlCodec.decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : UrlCodec.decodeQuery(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return new QueryParams(values);
    }

    /** The last value given for the name, or null. */
    String last(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    /** Every value given for the name, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Map<String, List<String>> asMap() {
        return values;
    }
}
