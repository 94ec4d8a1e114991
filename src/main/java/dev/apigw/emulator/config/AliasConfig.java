package dev.apigw.emulator.config;

/**
 * How {@code ${AliasName}} references resolve on this node.
 *
 * @param stage the promotion stage this node plays (a stage name or id). Among aliases of one name, the one whose
 *              {@code stage} equals it wins; then one without a stage; then any (the first by id). Empty = no stage.
 */
public record AliasConfig(String stage) {
    static AliasConfig from(ConfigReader r) {
        return new AliasConfig(r.string("stage").trim());
    }
}
