package keys.http;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form or multipart body as DRF's serializers read Django's {@code QueryDict}: as a map, each
 * name gives its last value, and {@code a.b} names give {@code a} as a dict
 * ({@code html.parse_html_dict}) and {@code a[0]…} names give {@code a} as a list
 * ({@code html.parse_html_list}); {@link #getlist} gives every value, for list fields. All values
 * are strings, so fields coerce them as DRF does.
 */
@SuppressWarnings("serial") // never serialized
final class FormData extends LinkedHashMap<String, Object> {
    private static final Pattern INDEXED = Pattern.compile("^(.*?)\\[([0-9]+)\\](.*)$", Pattern.DOTALL);

    private final Map<String, List<String>> all;

    FormData(Map<String, List<String>> all) {
        this.all = all;
        Map<String, TreeMap<BigInteger, Object>> lists = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : all.entrySet()) {
            String name = e.getKey();
            String last = e.getValue().get(e.getValue().size() - 1);
            Matcher m = INDEXED.matcher(name);
            int dot = name.indexOf('.');
            if (m.matches() && !m.group(1).isEmpty() && !all.containsKey(m.group(1))) {
                BigInteger index = new BigInteger(m.group(2));
                TreeMap<BigInteger, Object> items = lists.computeIfAbsent(m.group(1), k -> new TreeMap<>());
                String key = m.group(3);
                if (key.isEmpty()) {
                    items.put(index, last);
                } else {
                    Object item = items.get(index);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> dict = item instanceof Map<?, ?> ? (Map<String, Object>) item : new LinkedHashMap<>();
                    dict.put(key, last);
                    items.put(index, dict);
                }
            } else if (dot > 0 && dot < name.length() - 1 && !all.containsKey(name.substring(0, dot))) {
                String prefix = name.substring(0, dot);
                Object nested = get(prefix);
                @SuppressWarnings("unchecked")
                Map<String, Object> dict = nested instanceof Map<?, ?> ? (Map<String, Object>) nested : new LinkedHashMap<>();
                dict.put(name.substring(dot + 1), last);
                put(prefix, dict);
            } else {
                put(name, last);
            }
        }
        lists.forEach((name, items) -> put(name, new ArrayList<>(items.values())));
    }

    /** {@code QueryDict.getlist}: every value sent under the name, in order. */
    List<String> getlist(String name) {
        return all.getOrDefault(name, List.of());
    }
}
