package keys.http;

import java.util.Collection;

import keys.domain.Member;
import keys.domain.Organization;
import keys.domain.Project;
import keys.domain.Scope;
import keys.domain.Secrets;
import keys.domain.Timestamps;
import keys.json.JsonWriter;
import keys.store.State;

/**
 * {@code GET /api/0/projects/{org}/{project}/} as Sentry's detailed project serializer answers it:
 * every field its schema requires. keys stores no events, releases, alerts or processing settings,
 * so those fields hold what a new Sentry project shows (no events yet, every feature off, Sentry's
 * default digests, subject and grouping settings).
 */
final class ProjectDetailsJson {
    private static final String[] NO_DATA_YET = {"hasFeedbacks", "hasFlags", "hasMinifiedStackTrace", "hasMonitors",
        "hasNewFeedbacks", "hasProfiles", "hasReplays", "hasSessions", "hasInsightsHttp", "hasInsightsDb",
        "hasInsightsAssets", "hasInsightsAppStart", "hasInsightsScreenLoad", "hasInsightsVitals", "hasInsightsCaches",
        "hasInsightsQueues", "hasInsightsAgentMonitoring", "hasInsightsMCP", "hasLogs", "hasTraceMetrics"};

    private ProjectDetailsJson() {
    }

    /** {@code organization} null leaves that member out, as {@code ?collapse=organization} asks. */
    static void write(JsonWriter w, Project p, State state, Member viewer, Collection<Scope> access,
                      Organization organization, String urlPrefix) {
        w.beginObject()
                .name("id").value(Long.toString(p.id()))
                .name("slug").value(p.slug())
                .name("name").value(p.name())
                .name("platform");
        ManagementJson.nullable(w, p.platform());
        w.name("dateCreated").value(Timestamps.format(p.createdMicros()))
                .name("isBookmarked").value(false)
                .name("isMember").value(ManagementJson.isMember(p, viewer))
                .name("features").beginArray().endArray()
                .name("firstEvent").nullValue()
                .name("firstTransactionEvent").value(false)
                .name("access");
        ManagementJson.scopes(w, access);
        w.name("hasAccess").value(true); // the caller got here: access was checked
        for (String flag : NO_DATA_YET) {
            w.name(flag).value(false);
        }
        w.name("isInternal").value(false)
                .name("isPublic").value(false);
        ManagementJson.letterAvatar(w);
        w.name("color").value(color(p.slug()))
                .name("status").value("active");
        ManagementJson.teams(w, p, state, viewer);
        w.name("latestRelease").nullValue()
                .name("options").beginObject().endObject()
                .name("digestsMinDelay").value(300)
                .name("digestsMaxDelay").value(1800)
                .name("subjectPrefix").value("")
                .name("allowedDomains").beginArray().value("*").endArray()
                .name("resolveAge").value(0)
                .name("dataScrubber").value(true)
                .name("dataScrubberDefaults").value(true)
                .name("safeFields").beginArray().endArray()
                .name("storeCrashReports").nullValue()
                .name("sensitiveFields").beginArray().endArray()
                .name("subjectTemplate").value("$shortID - $title")
                .name("securityToken").value(securityToken(p))
                .name("securityTokenHeader").nullValue()
                .name("verifySSL").value(false)
                .name("scrubIPAddresses").value(false)
                .name("scrapeJavaScript").value(true)
                .name("enableAutoReleaseCreation").value(false)
                .name("highlightTags").beginArray().endArray()
                .name("highlightContext").beginObject().endObject()
                .name("highlightPreset").beginObject()
                .name("tags").beginArray().endArray()
                .name("context").beginObject().endObject()
                .endObject()
                .name("groupingConfig").value("newstyle:2023-01-11")
                .name("derivedGroupingEnhancements").value("")
                .name("groupingEnhancements").value("")
                .name("secondaryGroupingExpiry").value(0)
                .name("secondaryGroupingConfig").nullValue()
                .name("fingerprintingRules").value("");
        if (organization != null) {
            w.name("organization");
            ManagementJson.organization(w, organization, access, urlPrefix);
        }
        w.name("platforms").beginArray();
        if (p.platform() != null) {
            w.value(p.platform());
        }
        w.endArray()
                .name("processingIssues").value(0)
                .name("defaultEnvironment").nullValue()
                .name("relayPiiConfig").nullValue()
                .name("builtinSymbolSources").beginArray().endArray()
                .name("dynamicSamplingBiases").nullValue()
                .name("symbolSources").value("[]")
                .name("isDynamicallySampled").value(false)
                .name("tempestFetchScreenshots").value(false)
                .name("autofixAutomationTuning").value("off")
                .name("seerScannerAutomation").value(false)
                .name("seerNightshiftTweaks").nullValue()
                .name("scmSourceContextEnabled").value(false)
                .name("debugFilesRole").nullValue()
                .endObject();
    }

    /** A stable colour per slug, as Sentry hashes one for its project badges. */
    static String color(String slug) {
        return "#" + Secrets.sha256Hex(slug).substring(0, 6);
    }

    /**
     * Sentry's token for fetching a project's source files. keys fetches nothing, so it is derived
     * (stable per project, not a secret) rather than stored.
     */
    static String securityToken(Project p) {
        return Secrets.sha256Hex("keys project security token " + p.id() + " " + p.createdMicros()).substring(0, 32);
    }
}
