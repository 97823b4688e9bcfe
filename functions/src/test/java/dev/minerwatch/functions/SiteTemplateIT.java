package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.SamTemplate;
import dev.minerwatch.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The site's resources in template.yaml (docs/site.md, "In AWS"): a private bucket only CloudFront reads, through
 * Origin Access Control; the headers every answer carries; the function that publishes, with the least it needs; and
 * the parameter that leaves all of it out.
 */
class SiteTemplateIT {

    static final String SITE_FUNCTION = "SiteFunction";

    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void readTemplate() {
        template = SamTemplate.repository().tree();
        resources = template.get("Resources");
    }

    private static JsonNode properties(String resource) {
        return resources.at("/" + resource + "/Properties");
    }

    @Test
    void theBucketIsPrivateEncryptedVersionedAndHonoursNoAcl() {
        JsonNode bucket = properties("SiteBucket");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String flag :
                List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault"
                                + "/SSEAlgorithm")
                        .asText())
                .isEqualTo("AES256");
        assertThat(bucket.at("/OwnershipControls/Rules/0/ObjectOwnership").asText())
                .isEqualTo("BucketOwnerEnforced");
        assertThat(bucket.has("AccessControl")).as("a canned ACL").isFalse();
        assertThat(bucket.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
        String lifecycle = bucket.at("/LifecycleConfiguration/Rules").toString();
        assertThat(lifecycle).contains("NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload");
    }

    @Test
    void cloudFrontReachesTheBucketOnlyThroughOriginAccessControl() {
        JsonNode origin = properties("SiteDistribution").at("/DistributionConfig/Origins/0");
        assertThat(origin.at("/OriginAccessControlId").toString()).contains("SiteOriginAccessControl");
        assertThat(origin.at("/S3OriginConfig/OriginAccessIdentity").asText()).isEmpty();
        assertThat(origin.at("/DomainName").toString()).contains("SiteBucket");
        JsonNode access = properties("SiteOriginAccessControl").path("OriginAccessControlConfig");
        assertThat(access.path("SigningBehavior").asText()).isEqualTo("always");
        assertThat(access.path("SigningProtocol").asText()).isEqualTo("sigv4");
        assertThat(access.path("OriginAccessControlOriginType").asText()).isEqualTo("s3");

        JsonNode config = properties("SiteDistribution").path("DistributionConfig");
        assertThat(config.at("/DefaultCacheBehavior/ViewerProtocolPolicy").asText())
                .isEqualTo("redirect-to-https");
        assertThat(config.path("DefaultRootObject").asText()).isEqualTo("index.html");
        assertThat(config.path("HttpVersion").asText()).isEqualTo("http2and3");
        assertThat(config.at("/DefaultCacheBehavior/CachePolicyId").asText()).isNotBlank();
        assertThat(config.at("/DefaultCacheBehavior/ResponseHeadersPolicyId").toString())
                .contains("SiteHeadersPolicy");
    }

    @Test
    void onlyThisDistributionMayReadTheObjects() {
        JsonNode statements = properties("SiteBucketPolicy").at("/PolicyDocument/Statement");
        assertThat(statements.size()).isEqualTo(1);
        JsonNode read = statements.get(0);
        assertThat(read.path("Effect").asText()).isEqualTo("Allow");
        assertThat(read.at("/Principal/Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.path("Action").asText()).isEqualTo("s3:GetObject");
        assertThat(read.at("/Condition/StringEquals/AWS:SourceArn").toString())
                .contains(":cloudfront::")
                .contains("distribution/${SiteDistribution}");
    }

    @Test
    void noPolicyOfTheDeployedTemplateHasAWildcardPrincipal() {
        List<String> principals = new ArrayList<>();
        TemplateIT.statements(TemplateIT.transformed().get("Resources"), statement -> {
            if (statement.has("NotPrincipal")) {
                principals.add("NotPrincipal " + statement.get("NotPrincipal"));
            }
            if (statement.has("Principal")) {
                principals.add(statement.get("Principal").toString());
            }
        });
        assertThat(principals).as("principals found").isNotEmpty();
        assertThat(principals).noneMatch(principal -> principal.contains("\"*\"") || principal.startsWith("Not"));
    }

    @Test
    void everyAnswerCarriesAPolicyWithoutInlineScriptHstsAndNoReferrer() {
        JsonNode headers = properties("SiteHeadersPolicy").at("/ResponseHeadersPolicyConfig/SecurityHeadersConfig");
        String csp = headers.at("/ContentSecurityPolicy/ContentSecurityPolicy").asText();
        String scripts = List.of(csp.split(";")).stream()
                .map(String::trim)
                .filter(directive -> directive.startsWith("script-src"))
                .findFirst()
                .orElseThrow();
        assertThat(scripts).isEqualTo("script-src 'self'");
        assertThat(csp)
                .doesNotContain("'unsafe-inline'")
                .doesNotContain("'unsafe-eval'")
                .startsWith("default-src 'none';")
                .contains("frame-ancestors 'none'", "base-uri 'none'");
        assertThat(csp).as("CloudFront's policy is the one serve sends").isEqualTo(Site.CONTENT_SECURITY_POLICY);
        assertThat(headers.at("/StrictTransportSecurity/AccessControlMaxAgeSec").asInt())
                .isGreaterThanOrEqualTo(365 * 24 * 3600);
        assertThat(headers.at("/StrictTransportSecurity/IncludeSubdomains").asBoolean())
                .isTrue();
        assertThat(headers.at("/ReferrerPolicy/ReferrerPolicy").asText()).isEqualTo("no-referrer");
        assertThat(headers.at("/FrameOptions/FrameOption").asText()).isEqualTo("DENY");
        assertThat(headers.has("ContentTypeOptions")).isTrue();
    }

    @Test
    void theStackSaysWhereTheSiteIsAndEveryFunctionLinksThere() {
        assertThat(template.at("/Outputs/SiteUrl/Value").toString())
                .contains("https://${SiteDistribution.DomainName}/");
        assertThat(template.at("/Globals/Function/Environment/Variables/" + Settings.DASHBOARD_URL)
                        .toString())
                .contains("SiteEnabled")
                .contains("https://${SiteDistribution.DomainName}/");
        assertThat(properties(SITE_FUNCTION)
                        .at("/Environment/Variables/" + Settings.SITE_BUCKET)
                        .asText())
                .isEqualTo("SiteBucket");
    }

    @Test
    void theEvaluationAndTheDigestHandTheirSuccessesToTheSiteFunctionWhichMayOnlyReadTheTableAndWriteTheSite() {
        for (String source : List.of("EvaluationInvokeConfig", "DigestInvokeConfig")) {
            JsonNode onSuccess = properties(source).at("/DestinationConfig/OnSuccess");
            assertThat(onSuccess.toString()).as(source).contains("SiteEnabled", "SiteFunctionAliaslive");
            assertThat(properties(source).path("Qualifier").asText()).isEqualTo("live");
        }
        assertThat(properties(SITE_FUNCTION)
                        .path("ReservedConcurrentExecutions")
                        .asInt())
                .as("one publication at a time: a run that drew an older site never deletes a newer page")
                .isEqualTo(1);
        for (String role : List.of("EvaluationRole", "DigestRole")) {
            assertThat(properties(role).toString()).contains("lambda:InvokeFunction", "SiteFunctionAliaslive");
        }
        List<String> actions = new ArrayList<>();
        TemplateIT.statements(
                properties("SiteRole").path("Policies"),
                statement -> actions.addAll(TemplateIT.texts(statement.get("Action"))));
        assertThat(actions)
                .containsExactlyInAnyOrder(
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "sqs:SendMessage",
                        "dynamodb:GetItem",
                        "dynamodb:BatchGetItem",
                        "dynamodb:Query",
                        "s3:ListBucket",
                        "s3:PutObject",
                        "s3:DeleteObject");
    }

    /**
     * With {@code Site=disabled} nothing of the site is deployed: every site resource and output carries the condition,
     * and anything else names a site resource only under {@code Fn::If SiteEnabled}, so the stack deploys without it;
     * the resources SAM makes of the site function carry the condition too.
     */
    @Test
    void disablingTheSiteLeavesEverySiteResourceOut() {
        assertThat(template.at("/Parameters/Site/Default").asText()).isEqualTo("enabled");
        assertThat(template.at("/Parameters/Site/AllowedValues").toString()).contains("enabled", "disabled");
        assertThat(template.at("/Conditions/SiteEnabled").toString()).contains("Site", "enabled");
        List<String> site = new ArrayList<>();
        resources.fieldNames().forEachRemaining(id -> {
            if (id.startsWith("Site")) {
                site.add(id);
            }
        });
        assertThat(site)
                .contains(
                        "SiteBucket",
                        "SiteBucketPolicy",
                        "SiteOriginAccessControl",
                        "SiteHeadersPolicy",
                        "SiteDistribution",
                        SITE_FUNCTION,
                        "SiteRole",
                        "SiteLogGroup",
                        "SiteErrorsAlarm");
        for (String id : site) {
            assertThat(resources.at("/" + id + "/Condition").asText()).as(id).isEqualTo("SiteEnabled");
        }
        template.path("Outputs").properties().forEach(output -> {
            if (output.getKey().startsWith("Site")) {
                assertThat(output.getValue().path("Condition").asText())
                        .as(output.getKey())
                        .isEqualTo("SiteEnabled");
            }
        });
        List<String> unguarded = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (!resource.getKey().startsWith("Site")) {
                unguardedSiteReferences(resource.getValue(), resource.getKey(), unguarded::add);
            }
        });
        unguardedSiteReferences(template.path("Globals"), "Globals", unguarded::add);
        assertThat(unguarded)
                .as("references to site resources outside Fn::If SiteEnabled")
                .isEmpty();

        TemplateIT.transformed().get("Resources").properties().forEach(resource -> {
            if (resource.getKey().startsWith(SITE_FUNCTION)) {
                assertThat(resource.getValue().path("Condition").asText())
                        .as(resource.getKey())
                        .isEqualTo("SiteEnabled");
            }
        });
    }

    /** Every text naming a site resource ({@code Site...}) under {@code node}, except inside Fn::If SiteEnabled. */
    private static void unguardedSiteReferences(JsonNode node, String where, Consumer<String> into) {
        if (node.isObject()) {
            JsonNode condition = node.path("Fn::If").path(0);
            if ("SiteEnabled".equals(condition.asText())) {
                return;
            }
            node.properties().forEach(entry -> unguardedSiteReferences(entry.getValue(), where, into));
        } else if (node.isArray()) {
            if (node.size() == 3 && "SiteEnabled".equals(node.get(0).asText())) {
                return; // !If [SiteEnabled, ...], as the YAML reader sees the short form
            }
            node.forEach(item -> unguardedSiteReferences(item, where, into));
        } else if (node.isTextual() && node.asText().matches("(?s).*\\bSite[A-Z]\\w*.*")) {
            into.accept(where + ": " + node.asText());
        }
    }
}
