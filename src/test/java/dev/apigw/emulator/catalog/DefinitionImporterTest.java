package dev.apigw.emulator.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DefinitionImporterTest {

    /** An OpenAPI 3 document with {@code paths} operations and one schema nested {@code depth} levels deep. */
    static JsonObject definition(int paths, int depth) {
        JsonObject p = new JsonObject();
        for (int i = 0; i < paths; i++) {
            p.put("/p" + i, new JsonObject().put("get", new JsonObject().put("description", "d".repeat(200))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok")))));
        }
        JsonObject schema = new JsonObject().put("type", "string");
        for (int i = 0; i < depth; i++) {
            schema = new JsonObject().put("type", "object").put("properties", new JsonObject().put("p", schema));
        }
        return new JsonObject().put("openapi", "3.0.3").put("info", new JsonObject().put("title", "Big").put("version", "7"))
            .put("servers", new JsonArray().add(new JsonObject().put("url", "http://big.example.com/")))
            .put("paths", p).put("components", new JsonObject().put("schemas", new JsonObject().put("Deep", schema)));
    }

    static String yaml(JsonObject doc) throws Exception {
        return new ObjectMapper(new YAMLFactory()).writeValueAsString(new ObjectMapper().readTree(doc.encode()));
    }

    @Test
    void reads_a_definition_larger_than_snakeyamls_default_3_mb_as_json_and_as_yaml() throws Exception {
        JsonObject doc = definition(14_000, 3);
        assertTrue(doc.encode().length() > 3_200_000);
        ImportedDefinition fromJson = DefinitionImporter.parseNow(doc.encode());
        assertEquals("http://big.example.com", fromJson.serverUrl());
        assertEquals(14_000, fromJson.document().getJsonObject("paths").size());
        assertEquals("http://big.example.com", DefinitionImporter.parseNow(yaml(doc)).serverUrl());
    }

    @Test
    void keeps_the_servers_of_a_deeply_nested_yaml_definition() throws Exception {
        ImportedDefinition def = DefinitionImporter.parseNow(yaml(definition(2, 80)));
        assertEquals("http://big.example.com", def.serverUrl());
        assertEquals("7", def.version());
    }

    @Test
    void reads_yaml_flow_style_that_looks_like_json() {
        ImportedDefinition def = DefinitionImporter.parseNow(
            "{openapi: 3.0.3, info: {title: Flow, version: '1'}, servers: [{url: 'http://flow'}], paths: {}}");
        assertEquals("http://flow", def.serverUrl());
        assertEquals("Flow", def.title());
    }

    @Test
    void swagger_2_host_base_path_and_scheme_become_the_server_url() {
        ImportedDefinition def = DefinitionImporter.parseNow("""
            {"swagger":"2.0","info":{"title":"S","version":"2"},"host":"s.example.com","basePath":"/v1",
             "schemes":["https"],"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}}}""");
        assertEquals("https://s.example.com/v1", def.serverUrl());
    }

    @Test
    void server_variables_take_their_defaults_and_undeclared_ones_skip_the_server() {
        ImportedDefinition def = DefinitionImporter.parseNow("""
            {"openapi":"3.0.3","info":{"title":"V","version":"1"},"paths":{},"servers":[
              {"url":"http://{undeclared}/v1"},
              {"url":"https://{host}:{port}/v2/","variables":{"host":{"default":"h.example.com"},"port":{"default":"8443"}}}]}""");
        assertEquals("https://h.example.com:8443/v2", def.serverUrl());
    }

    @Test
    void rejects_what_is_not_a_definition_with_400() {
        for (String text : new String[] {"[1,2]", "just text", "{\"hello\":\"world\"}", "openapi: 3.0.3\npaths: nope",
            "{\"openapi\": \"3.0.3\", \"paths\": [] }", "a: [unclosed"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> DefinitionImporter.parseNow(text), text);
            assertEquals(400, e.status());
        }
    }
}
