package keys.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

import keys.domain.Scope;

import keys.json.Json;
import keys.json.JsonParseException;
import keys.store.State;

/**
 * One request on its way through a handler: the request, the path parameters, the caller and the
 * state snapshot taken when it arrived (so one request reads one consistent state).
 */
final class Call {
    final Request request;
    final Map<String, String> params;
    final Caller caller;
    final State state;
    final Api api;
    /** Scopes of which the caller must hold one in the organization, once their role caps the token. */
    final Set<Scope> scopes;

    Call(Request request, Map<String, String> params, Caller caller, State state, Api api, Set<Scope> scopes) {
        this.request = request;
        this.params = params;
        this.caller = caller;
        this.state = state;
        this.api = api;
        this.scopes = scopes;
    }

    String param(String name) {
        return params.get(name);
    }

    QueryParams query() {
        return request.query;
    }

    /**
     * The body as an object, parsed by its Content-Type as DRF does ({@link RequestBody}); an empty
     * body counts as {@code {}}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObject() {
        Object parsed = RequestBody.parse(request);
        if (parsed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (parsed == null) { // DRF: a body of null is no data at all
            throw ApiException.body(400, Map.of("non_field_errors", List.of("No data provided")));
        }
        throw ApiException.body(400, Map.of("non_field_errors",
                List.of("Invalid data. Expected a dictionary, but got " + DrfFields.pythonType(parsed) + ".")));
    }
}
