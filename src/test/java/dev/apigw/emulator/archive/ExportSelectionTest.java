package dev.apigw.emulator.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportSelectionTest {

    @Test
    void comma_lists_repeated_parameters_and_any_case_select_the_same_ids() {
        ExportSelection comma = ExportSelection.fromQuery(Map.of("apis", List.of("a,b")));
        ExportSelection repeated = ExportSelection.fromQuery(Map.of("apis", List.of("a", "b")));
        ExportSelection upper = ExportSelection.fromQuery(Map.of("APIS", List.of("a, b")));
        for (ExportSelection s : List.of(comma, repeated, upper)) {
            assertEquals(Set.of("a", "b"), s.selectors().get(AssetType.APIS).ids());
        }
        assertEquals(Set.of("p1"), ExportSelection.fromQuery(Map.of("policyActions", List.of("p1"))).selectors()
            .get(AssetType.POLICY_ACTIONS).ids());
    }

    @Test
    void a_star_selects_everything_of_its_kind_and_no_selector_selects_everything() {
        ExportSelection star = ExportSelection.fromQuery(Map.of("policies", List.of("*"), "include-applications", List.of("TRUE")));
        assertNull(star.selectors().get(AssetType.POLICIES).ids());
        assertFalse(star.selectors().containsKey(AssetType.APIS));
        assertTrue(star.includeApplications());
        ExportSelection none = ExportSelection.fromQuery(Map.of("keyStores", List.of("DEFAULT_IS_KEYSTORE")));
        assertEquals(ExportSelection.PARAMETERS.size(), none.selectors().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"types\":[\"api\"]}", "{\"types\":[\"API\"]}", "{\"types\":[\"Api\",\"keystore\"]}"})
    void search_types_match_case_insensitively(String body) {
        ExportSelection s = ExportSelection.fromSearch(new JsonObject(body));
        assertEquals(Set.of(AssetType.APIS), s.selectors().keySet());
        assertTrue(s.includeApplications(), "real exports by type carry the applications of the APIs");
    }

    @Test
    void users_groups_access_profiles_gateway_scopes_and_strategies_are_selected_by_query_and_by_type() {
        ExportSelection q = ExportSelection.fromQuery(Map.of("users", List.of("u"), "groups", List.of("g"),
            "accessProfiles", List.of("p"), "gatewayScopes", List.of("s"), "strategies", List.of("o")));
        assertEquals(Set.of(AssetType.USERS, AssetType.GROUPS, AssetType.ACCESS_PROFILES, AssetType.GATEWAY_SCOPES,
            AssetType.STRATEGIES), q.selectors().keySet());
        ExportSelection t = ExportSelection.fromSearch(new JsonObject("{\"types\":[\"USERS\",\"GROUPS\",\"ACCESSPROFILES\",\"GATEWAY_SCOPE\"]}"));
        assertEquals(Set.of(AssetType.USERS, AssetType.GROUPS, AssetType.ACCESS_PROFILES, AssetType.GATEWAY_SCOPES),
            t.selectors().keySet());
    }

    @Test
    void an_empty_search_is_everything_and_a_scope_filters_by_regular_expression() {
        assertEquals(ExportSelection.PARAMETERS.size(), ExportSelection.fromSearch(new JsonObject()).selectors().size());
        ExportSelection s = ExportSelection.fromSearch(new JsonObject("""
            {"types":["api"],"scope":[{"attributeName":"id","keyword":"a1|b2"}],"includeOptions":{"includeApplications":false}}"""));
        var filter = s.selectors().get(AssetType.APIS).filter();
        assertTrue(filter.test(new JsonObject().put("id", "b2")));
        assertFalse(filter.test(new JsonObject().put("id", "b22")));
        assertFalse(s.includeApplications());
    }

    @Test
    void conditions_combine_scopes_and_bad_search_bodies_are_400s() {
        var or = ExportSelection.fromSearch(new JsonObject("""
            {"types":["policy"],"condition":"or","scope":[{"attributeName":"id","keyword":"G"},{"attributeName":"configId","keyword":"x"}]}"""))
            .selectors().get(AssetType.POLICIES).filter();
        assertTrue(or.test(new JsonObject().put("id", "G")));
        for (String bad : List.of("{\"types\":\"api\"}", "{\"types\":[\"api\"],\"condition\":\"xor\"}",
            "{\"types\":[\"api\"],\"scope\":[{\"keyword\":\"x\"}]}", "{\"types\":[\"api\"],\"scope\":[{\"attributeName\":\"id\",\"keyword\":\"(\"}]}")) {
            GatewayException e = assertThrows(GatewayException.class, () -> ExportSelection.fromSearch(new JsonObject(bad)), bad);
            assertEquals(400, e.status());
        }
    }
}
