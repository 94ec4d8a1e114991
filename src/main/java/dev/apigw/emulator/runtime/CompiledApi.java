package dev.apigw.emulator.runtime;

/**
 * One active API ready to serve: its resources, its enforced policies, where its routing action points, and its
 * canned responses when it is mocked ({@code mock} null otherwise). Immutable; a change to any asset builds a new one.
 */
public record CompiledApi(String id, String name, String version, ResourceMatcher resources, PolicyChain chain,
                          RoutingTarget routing, MockResponses mock) {

    /** An API that is not mocked. */
    public CompiledApi(String id, String name, String version, ResourceMatcher resources, PolicyChain chain,
                       RoutingTarget routing) {
        this(id, name, version, resources, chain, routing, null);
    }
}
