package keys.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request-field validation as Django REST framework's fields do it — coercions, the order of
 * checks and the exact messages — because Sentry's clients read those messages. Each method
 * returns the field's value, null for an accepted JSON null, or {@link #INVALID} after recording
 * its messages in the {@link Errors}.
 */
final class DrfFields {
    /** Returned when the field failed; its messages are in the errors. */
    static final Object INVALID = new Object();

    private static final Pattern TRAILING_ZERO_DECIMALS = Pattern.compile("\\.0*\\s*$");
    private static final int MAX_INT_STRING = 1000;
    private static final Set<String> TRUE_STRINGS = Set.of("t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True",
            "TRUE", "on", "On", "ON", "1");
    private static final Set<String> FALSE_STRINGS = Set.of("f", "F", "n", "N", "no", "No", "NO", "false", "False",
            "FALSE", "off", "Off", "OFF", "0");

    private DrfFields() {
    }

    /** A serializer's errors in field declaration order: {@code {"field":["msg"], "nested":{...}}}. */
    static final class Errors {
        private final Map<String, Object> byField = new LinkedHashMap<>();

        void add(String field, List<String> messages) {
            byField.put(field, messages);
        }

        void add(String field, String message) {
            add(field, List.of(message));
        }

        void nested(String field, Errors inner) {
            byField.put(field, inner.byField);
        }

        boolean isEmpty() {
            return byField.isEmpty();
        }

        /** Throws the 400 when anything failed. */
        void throwIfAny() {
            if (!byField.isEmpty()) {
                throw ApiException.body(400, byField);
            }
        }
    }

    /**
     * CharField (whitespace trimmed) with an optional pattern (RegexField): blank and null rules
     * first, then every validator, all of whose messages are kept.
     */
    static Object charField(Errors errors, String field, Object value, int maxLength, boolean allowBlank,
                            boolean allowNull, Pattern pattern) {
        if (value instanceof String s && PythonNumbers.strip(s).isEmpty()) {
            if (!allowBlank) {
                errors.add(field, "This field may not be blank.");
                return INVALID;
            }
            return "";
        }
        if (value == null) {
            if (!allowNull) {
                errors.add(field, "This field may not be null.");
                return INVALID;
            }
            return null;
        }
        if (value instanceof Boolean || value instanceof Map || value instanceof List) {
            errors.add(field, "Not a valid string.");
            return INVALID;
        }
        String text = PythonNumbers.strip(PythonNumbers.str(value));
        List<String> messages = new java.util.ArrayList<>(2);
        if (maxLength > 0 && text.codePointCount(0, text.length()) > maxLength) {
            messages.add("Ensure this field has no more than " + maxLength + " characters.");
        }
        if (text.indexOf('\0') >= 0) {
            messages.add("Null characters are not allowed.");
        }
        int surrogate = keys.domain.Texts.loneSurrogate(text);
        if (surrogate >= 0) {
            messages.add(String.format("Surrogate characters are not allowed: U+%X.", surrogate));
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            messages.add("This value does not match the required pattern.");
        }
        if (!messages.isEmpty()) {
            errors.add(field, messages);
            return INVALID;
        }
        return text;
    }

    /**
     * Sentry's EmptyIntegerField: {@code ""} and null are "no value"; numbers, numeric strings and
     * floats with only zero decimals are integers; then the bounds.
     */
    static Object integerField(Errors errors, String field, Object value, long min, long max) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof String s && s.length() > MAX_INT_STRING) {
            errors.add(field, "String value too large.");
            return INVALID;
        }
        String text = value instanceof Map || value instanceof List ? null : PythonNumbers.str(value);
        BigInteger v = text == null ? null
                : PythonNumbers.parseInt(TRAILING_ZERO_DECIMALS.matcher(text).replaceFirst(""));
        if (v == null) {
            errors.add(field, "A valid integer is required.");
            return INVALID;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            errors.add(field, "Ensure this value is greater than or equal to " + min + ".");
            return INVALID;
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            errors.add(field, "Ensure this value is less than or equal to " + max + ".");
            return INVALID;
        }
        return v.longValue();
    }

    /** BooleanField: true/false, 1/0 and the usual words. */
    static Object booleanField(Errors errors, String field, Object value) {
        if (value == null) {
            errors.add(field, "This field may not be null.");
            return INVALID;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            if (TRUE_STRINGS.contains(s)) {
                return true;
            }
            if (FALSE_STRINGS.contains(s)) {
                return false;
            }
        }
        if (value instanceof Long l && (l == 0 || l == 1)) {
            return l == 1;
        }
        if (value instanceof BigDecimal d && (d.compareTo(BigDecimal.ZERO) == 0 || d.compareTo(BigDecimal.ONE) == 0)) {
            return d.compareTo(BigDecimal.ONE) == 0;
        }
        errors.add(field, "Must be a valid boolean.");
        return INVALID;
    }

    /** ChoiceField: the value's {@code str()} must be one of the choices. */
    static Object choiceField(Errors errors, String field, Object value, List<String> choices) {
        if (value == null) {
            errors.add(field, "This field may not be null.");
            return INVALID;
        }
        String text = PythonNumbers.str(value);
        if (text != null && choices.contains(text)) {
            return text;
        }
        errors.add(field, "\"" + pythonStr(value) + "\" is not a valid choice.");
        return INVALID;
    }

    /** A nested serializer's input must be an object; DRF's message otherwise. */
    static boolean isObject(Errors errors, String field, Object value) {
        if (value instanceof Map) {
            return true;
        }
        Errors inner = new Errors();
        inner.add("non_field_errors", "Invalid data. Expected a dictionary, but got " + pythonType(value) + ".");
        errors.nested(field, inner);
        return false;
    }

    static String pythonType(Object value) {
        return switch (value) {
            case null -> "NoneType";
            case String s -> "str";
            case Boolean b -> "bool";
            case Long l -> "int";
            case BigDecimal d -> d.scale() == 0 ? "int" : "float";
            case List<?> l -> "list";
            default -> "dict";
        };
    }

    /** Python's {@code str()} of a JSON value, containers included (their items as {@code repr()}). */
    static String pythonStr(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : list) {
                out.append(out.length() > 1 ? ", " : "").append(pythonRepr(item));
            }
            return out.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(out.length() > 1 ? ", " : "").append(pythonRepr(e.getKey())).append(": ")
                        .append(pythonRepr(e.getValue()));
            }
            return out.append('}').toString();
        }
        return value == null ? "None" : PythonNumbers.str(value);
    }

    static String pythonRepr(Object value) {
        if (value instanceof String s) {
            boolean dq = s.indexOf('\'') >= 0 && s.indexOf('"') < 0;
            char q = dq ? '"' : '\'';
            String body = s.replace("\\", "\\\\");
            if (!dq) {
                body = body.replace("'", "\\'");
            }
            return q + body.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + q;
        }
        return pythonStr(value);
    }
}
