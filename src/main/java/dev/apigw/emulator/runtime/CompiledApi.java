package dev.apigw.emulator.runtime;

/**
 * One active API ready to serve: its resources, its enforced policies and where its routing action points.
 * Immutable; a change to any asset builds a new one.
 */
public record CompiledApi(String id, String name, String version, ResourceMatcher resources, PolicyChain chain,
                          RoutingTarget routing) {
}
