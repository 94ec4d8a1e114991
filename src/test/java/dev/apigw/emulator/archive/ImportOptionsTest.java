package dev.apigw.emulator.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apigw.emulator.store.AssetType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportOptionsTest {

    @Test
    void star_and_true_overwrite_everything_with_credentials() {
        for (String all : List.of("*", "true", "*,aliases", "TRUE")) {
            ImportOptions o = ImportOptions.parse(List.of(all), null, null);
            assertEquals(EnumSet.allOf(AssetType.class), o.overwrite(), all);
            assertTrue(o.overwriteApiKeys() && o.overwriteCredentials() && o.preserveAssetState());
        }
    }

    @Test
    void lists_name_kinds_leniently_and_keys_need_their_application() {
        ImportOptions o = ImportOptions.parse(List.of("apis,policies,policyactions,applications,users,groups,accessProfiles,gatewayScopes,aliases"),
            "false", null);
        assertEquals(Set.of(AssetType.APIS, AssetType.POLICIES, AssetType.POLICY_ACTIONS, AssetType.APPLICATIONS, AssetType.ALIASES,
            AssetType.USERS, AssetType.GROUPS, AssetType.ACCESS_PROFILES, AssetType.GATEWAY_SCOPES), o.overwrite());
        assertFalse(o.overwriteApiKeys());
        assertFalse(o.preserveAssetState());
        assertFalse(ImportOptions.parse(List.of("application_apiKeys"), null, null).overwriteApiKeys(), "not without applications");
        assertTrue(ImportOptions.parse(List.of("applications", "application_apiKeys"), null, null).overwriteApiKeys());
        assertTrue(ImportOptions.parse(List.of(), null, null).overwrite().isEmpty());
    }
}
