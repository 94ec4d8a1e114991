package dev.apigw.emulator.alias;

import dev.apigw.emulator.model.Lenient;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shape checks of an alias before it is stored, per alias type (the swagger's {@code Alias} subtypes). Known fields
 * must have their JSON type; booleans and numbers sent as strings ({@code "30"}, {@code "false"}) are stored as their
 * values; enumerations are checked case-insensitively and stored in the product's spelling. Unknown fields are kept,
 * so exports of a real gateway round-trip.
 */
public final class AliasShapes {
    /** The product's alias types (swagger {@code Alias.type}). */
    public static final List<String> TYPES = List.of("simple", "endpoint", "httpTransportSecurityAlias",
        "soapMessageSecurityAlias", "samlIssuerAlias", "authServerAlias", "webmethodsAlias", "transformationAlias",
        "serviceRegistryAlias", "clientMetadataMapping", "awsConfigurationAlias", "isConfigurationAlias");

    private static final List<String> COMMON_TEXT = List.of("name", "description", "owner", "stage");

    private static final Map<String, FieldSpec> SPECS = Map.ofEntries(
        Map.entry("simple", FieldSpec.of().text("value")),
        Map.entry("endpoint", FieldSpec.of().url("endPointURI").integers("connectionTimeout", "readTimeout",
                "suspendDurationOnFailure").choice("optimizationTechnique", "None", "MTOM", "SwA")
            .bools("passSecurityHeaders").text("keystoreAlias", "keyAlias", "truststoreAlias")),
        Map.entry("httpTransportSecurityAlias", FieldSpec.of()
            .choice("authType", "HTTP_BASIC", "NTLM", "OAUTH2", "KERBEROS", "JWT", "ALIAS", "REMOVE_INCOMING_HTTP_HEADERS")
            .choice("authMode", AuthModes.ALL).objects("httpAuthCredentials", "kerberosCredentials").text("oauth2Token")),
        Map.entry("soapMessageSecurityAlias", FieldSpec.of()
            .choice("authType", "WSS_USERNAME", "SAML", "KERBEROS", "ALIAS", "REMOVE_WSS_HEADERS", "NONE")
            .choice("authMode", AuthModes.ALL).objects("wssCredentials", "kerberosCredentials", "signAndEncryptConfig")
            .text("samlIssuerConfig")),
        Map.entry("samlIssuerAlias", FieldSpec.of().text("appliesTo", "assertionId", "endpoint", "issuerPolicy")
            .objects("extendedParameters", "kerberosCredentials", "signAndEncryptConfig", "wssCredentials")),
        Map.entry("authServerAlias", FieldSpec.of().choice("authServerType", "LOCAL_IS", "REMOTE_IS", "EXTERNAL")
            .arrays("scopes", "supportedGrantTypes").objects("tokenGeneratorConfig", "localIntrospectionConfig", "sslConfig",
                "remoteIntrospectionConfig", "remoteISConfig", "metadata").text("dcrEndpoint", "providerName")),
        Map.entry("webmethodsAlias", FieldSpec.of().text("serviceName", "runAsUser").bools("complyToISSpec")),
        Map.entry("transformationAlias", FieldSpec.of().text("fileName", "content")),
        Map.entry("serviceRegistryAlias", FieldSpec.of().choice("serviceRegistryType", "SERVICE_CONSUL", "EUREKA")
            .text("endpointURI", "username", "password", "keystoreAlias", "keyAlias", "trustStoreAlias")
            .integers("ConnectionTimeout", "readTimeout", "heartBeatInterval")
            .objects("customHeaders", "discoveryInfo", "registrationInfo", "deRegistrationInfo")),
        Map.entry("clientMetadataMapping", FieldSpec.of().text("providerName").arrays("supportedApplicationTypes",
            "extendedValuesV2").objects("implNames").bools("generateCredentials")),
        Map.entry("awsConfigurationAlias", FieldSpec.of().text("accessKey", "secretKey", "region")),
        Map.entry("isConfigurationAlias", FieldSpec.of().text("url", "username", "password", "packageName", "folderName",
                "keystoreAlias", "keyAlias").bools("importSwaggerBasedOnTags", "enableMTOM", "enforceWSICompliance",
                "validateSchemaWithXerces", "skipCustomScalarTypes")
            .choice("contentModelComplianceForWSDL", "Strict", "Lax", "None")));

    private AliasShapes() {
    }

    /** Checks and normalises an alias in place; 400 in the product's error shape when it cannot be stored. */
    public static JsonObject check(JsonObject alias) {
        for (String k : COMMON_TEXT) text(alias, k);
        if (!(alias.getValue("name") instanceof String name) || name.isBlank()) throw invalid("the alias name is mandatory");
        String type = canonicalType(alias.getValue("type"));
        alias.put("type", type);
        SPECS.get(type).check(alias);
        if (type.equals("authServerAlias")) checkScopes(alias.getJsonArray("scopes"));
        return alias;
    }

    private static String canonicalType(Object type) {
        if (type instanceof String t) {
            for (String known : TYPES) if (known.equalsIgnoreCase(t.trim())) return known;
        }
        throw invalid("the alias type must be one of " + TYPES + ", was " + type);
    }

    /** The local server's OAuth2 scopes: {@code [{"name", "description"}]} with unique names. */
    private static void checkScopes(JsonArray scopes) {
        if (scopes == null) return;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Object o : scopes) {
            if (!(o instanceof JsonObject s) || !(s.getValue("name") instanceof String n) || n.isBlank()) {
                throw invalid("every scope needs a name");
            }
            if (!seen.add(n)) throw invalid("the scope " + n + " is defined twice");
        }
    }

    static void text(JsonObject doc, String key) {
        Object v = doc.getValue(key);
        if (v != null && !(v instanceof String)) throw invalid("'" + key + "' must be a string");
    }

    static GatewayException invalid(String detail) {
        return GatewayException.admin(400, "INVALID_ALIAS", "Unable to process the request for alias. Error occurred while "
            + "processing the payload. Error Message: " + detail);
    }

    /** Field kinds of one alias type. */
    private static final class FieldSpec {
        private final Map<String, Object> kinds = new java.util.LinkedHashMap<>();

        static FieldSpec of() {
            return new FieldSpec();
        }

        FieldSpec text(String... keys) {
            for (String k : keys) kinds.put(k, "text");
            return this;
        }

        FieldSpec url(String key) {
            kinds.put(key, "url");
            return this;
        }

        FieldSpec integers(String... keys) {
            for (String k : keys) kinds.put(k, "int");
            return this;
        }

        FieldSpec bools(String... keys) {
            for (String k : keys) kinds.put(k, "bool");
            return this;
        }

        FieldSpec objects(String... keys) {
            for (String k : keys) kinds.put(k, "object");
            return this;
        }

        FieldSpec arrays(String... keys) {
            for (String k : keys) kinds.put(k, "array");
            return this;
        }

        FieldSpec choice(String key, String... values) {
            kinds.put(key, List.of(values));
            return this;
        }

        void check(JsonObject doc) {
            kinds.forEach((key, kind) -> {
                Object v = doc.getValue(key);
                if (v == null) return;
                if (kind instanceof List<?> values) doc.put(key, choose(key, v, values));
                else checkKind(doc, key, v, (String) kind);
            });
        }

        private static void checkKind(JsonObject doc, String key, Object v, String kind) {
            switch (kind) {
                case "text" -> AliasShapes.text(doc, key);
                case "url" -> checkUrl(key, v);
                case "int" -> {
                    if (Lenient.normaliseIntegers(doc, key) != null) throw invalid("'" + key + "' must be a number");
                }
                case "bool" -> {
                    if (Lenient.normaliseBooleans(doc, key) != null) throw invalid("'" + key + "' must be true or false");
                }
                case "object" -> {
                    if (!(v instanceof JsonObject)) throw invalid("'" + key + "' must be an object");
                }
                default -> {
                    if (!(v instanceof JsonArray)) throw invalid("'" + key + "' must be an array");
                }
            }
        }

        private static String choose(String key, Object v, List<?> values) {
            if (v instanceof String s) {
                for (Object known : values) if (known.toString().equalsIgnoreCase(s.trim())) return known.toString();
            }
            throw invalid("'" + key + "' must be one of " + values + ", was " + v);
        }

        /** An endpoint alias points at an absolute http(s) URL (itself possibly built from other aliases). */
        private static void checkUrl(String key, Object v) {
            if (!(v instanceof String s) || s.isBlank()) throw invalid("'" + key + "' must be an absolute http(s) URL");
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (!t.startsWith("http://") && !t.startsWith("https://") && !t.startsWith("${")) {
                throw invalid("'" + key + "' must be an absolute http(s) URL, was " + s);
            }
        }
    }

    /** The swagger's authMode values, shared by the transport and message security aliases. */
    private static final class AuthModes {
        static final String[] ALL = {"NEW", "INCOMING_HTTP_BASIC_AUTH", "INCOMING_WSS_USER", "INCOMING_X509",
            "DELEGATE_INCOMING", "INCOMING_OAUTH_TOKEN", "INCOMING_JWT", "TRANSPARENT", "INCOMING_KERBEROS"};
    }
}
