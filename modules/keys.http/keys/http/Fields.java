package keys.http;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import keys.domain.Emails;
import keys.domain.Slugs;
import keys.domain.Urls;

/**
 * Reads the fields of a request body (JSON, or a form as {@link FormData}) the way Django REST
 * framework's serializers do, and gathers every field's errors so that one 400 names them all:
 * {@code {"name":["This field is required."],"slug":["…"]}}. The DRF rules themselves (coercions,
 * messages) are {@link DrfFields}'; this adds presence, slugs, URLs, emails and lists. Readers
 * return null for a field that is absent or wrong; {@link #check()} then throws if anything was.
 */
final class Fields {
    static final String REQUIRED = "This field is required.";
    static final String BAD_SLUG = "Enter a valid slug consisting of lowercase letters, numbers, underscores or "
            + "hyphens. It cannot be entirely numeric.";
    static final String BAD_URL = "Enter a valid URL.";
    static final String BAD_EMAIL = "Enter a valid email address.";

    private final Map<String, Object> body;
    private final DrfFields.Errors errors = new DrfFields.Errors();
    private final Set<String> failed = new HashSet<>();

    Fields(Map<String, Object> body) {
        this.body = body;
    }

    static Fields of(Call call) {
        return new Fields(call.jsonObject());
    }

    /** True when the body names the field, even with a null value. */
    boolean has(String name) {
        return body.containsKey(name);
    }

    void error(String name, String message) {
        errors.add(name, message);
        failed.add(name);
    }

    boolean failed(String name) {
        return failed.contains(name);
    }

    /** Throws the gathered field errors as one 400, if there are any. */
    void check() {
        errors.throwIfAny();
    }

    /**
     * A CharField: trimmed; numbers are taken as their text, as DRF does. Null when absent (an
     * error if required), null-valued (an error unless allowed) or wrong; {@code ""} when blank
     * and that is allowed.
     */
    String string(String name, boolean required, boolean allowNull, boolean allowBlank, int maxLength) {
        if (!body.containsKey(name) || formEmptyIsAbsent(name, required, allowNull)) {
            if (required) {
                error(name, REQUIRED);
            }
            return null;
        }
        Object value = body.get(name);
        if (body instanceof FormData && "".equals(value) && allowNull) {
            value = allowBlank ? "" : null; // DRF's Field.get_value for form input
        }
        return text(DrfFields.charField(errors, name, value, maxLength, allowBlank, allowNull, null), name);
    }

    /** DRF's {@code get_value} on form input: an empty optional field that takes no null counts as not sent. */
    private boolean formEmptyIsAbsent(String name, boolean required, boolean allowNull) {
        return body instanceof FormData && "".equals(body.get(name)) && !allowNull && !required;
    }

    /** A slug field (optional, null allowed): valid per {@link Slugs#isValid}, else Sentry's message. */
    String slug(String name) {
        if (!body.containsKey(name) || body.get(name) == null) {
            return null;
        }
        String s = string(name, false, true, false, Slugs.MAX_LENGTH);
        if (s != null && !Slugs.isValid(s)) {
            error(name, BAD_SLUG);
            return null;
        }
        return s;
    }

    /** A BooleanField; null when absent, null-valued or wrong (the last two are errors). */
    Boolean bool(String name) {
        if (!body.containsKey(name) || formEmptyIsAbsent(name, false, false)) {
            return null;
        }
        Object v = DrfFields.booleanField(errors, name, body.get(name));
        if (v == DrfFields.INVALID) {
            failed.add(name);
            return null;
        }
        return (Boolean) v;
    }

    /** An http(s) URL, or null when absent, null or blank. */
    String url(String name, int maxLength) {
        String s = string(name, false, true, true, maxLength);
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (Urls.problem(s) == null) { // Sentry: no user info, query or fragment either
            return s;
        }
        error(name, BAD_URL);
        return null;
    }

    /** A required email, normalized. */
    String email(String name, int maxLength) {
        String s = string(name, true, false, false, maxLength);
        if (s == null) {
            return null;
        }
        String normalized = Emails.normalize(s); // validated as stored: lowercasing can change length or merge letters
        if (!Emails.isValid(normalized)) {
            error(name, BAD_EMAIL);
            return null;
        }
        return normalized;
    }

    /** A ChoiceField: one of {@code choices}, else DRF's message. Null when absent. */
    String choice(String name, List<String> choices) {
        if (!body.containsKey(name)) {
            return null;
        }
        return text(DrfFields.choiceField(errors, name, body.get(name), choices), name);
    }

    /** A ListField: the list, or null when absent, null (an error unless allowed) or not a list. */
    List<?> list(String name, boolean required, boolean allowNull) {
        if (!body.containsKey(name)) {
            if (required) {
                error(name, REQUIRED);
            }
            return null;
        }
        Object v = body.get(name);
        if (body instanceof FormData form && !form.getlist(name).isEmpty()) {
            return form.getlist(name); // repeated keys, as DRF's ListField reads form input
        }
        if (v == null) {
            if (!allowNull) {
                error(name, "This field may not be null.");
            }
            return null;
        }
        if (v instanceof List<?> l) {
            return l;
        }
        error(name, "Expected a list of items but got type \"" + DrfFields.pythonType(v) + "\".");
        return null;
    }

    private String text(Object v, String name) {
        if (v == DrfFields.INVALID) {
            failed.add(name);
            return null;
        }
        return (String) v;
    }
}
