package keys.http;

/** One endpoint's work for one method; failures the client should see are {@link ApiException}s. */
@FunctionalInterface
interface Handler {
    Response handle(Call call);
}
