package dev.apigw.emulator.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.apigw.emulator.runtime.GatewayException;
import dev.apigw.emulator.store.AssetType;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PromotionRequestTest {
    static final String BODY = "{\"name\":\"p\",\"destinationStages\":[\"s1\",\"s1\",\"s2\"],\"promotedAssets\":{\"api\":[\"a\"],"
        + "\"APPLICATION\":[\"b\"],\"gateway_scope\":[\"c\"],\"accessprofiles\":[\"d\"],\"package\":[],\"LDAPGROUPS\":[\"x\"]}}";

    @Test
    void asset_types_match_the_archive_search_types_in_any_case_and_stages_are_unique() {
        PromotionRequest r = PromotionRequest.parse(new JsonObject(BODY), null, null, "*");
        assertEquals(List.of("s1", "s2"), r.stageIds());
        assertEquals(Set.of(AssetType.APIS, AssetType.APPLICATIONS, AssetType.GATEWAY_SCOPES, AssetType.ACCESS_PROFILES),
            r.assets().keySet());
        assertFalse(r.includeApplications());
    }

    @ParameterizedTest(name = "overwrite={0} overwriteAssets={1}")
    @CsvSource(nullValues = "null", value = {"true, null, *", "false, null, ''", "null, null, apis", "true, 'apis,aliases', 'apis,aliases'"})
    void overwrite_comes_from_overwrite_assets_then_overwrite_then_the_default(String overwrite, String assets, String expected) {
        assertEquals(expected, PromotionRequest.parse(new JsonObject(BODY), overwrite, assets, "apis").overwrite());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"promotedAssets\":{\"api\":[\"a\"]}}", "{\"destinationStages\":[],\"promotedAssets\":{\"api\":[\"a\"]}}",
        "{\"destinationStages\":[\"s\"]}", "{\"destinationStages\":[\"s\"],\"promotedAssets\":{\"api\":\"a\"}}",
        "{\"destinationStages\":[\"s\"],\"promotedAssets\":{\"keystore\":[\"k\"]}}"})
    void bodies_that_promote_nothing_are_400s(String body) {
        GatewayException e = assertThrows(GatewayException.class, () -> PromotionRequest.parse(new JsonObject(body), null, null, "*"));
        assertEquals(400, e.status());
    }
}
