package dev.apigw.emulator.config;

/** Credentials of the administrator account that every admin call (except health) must present. */
public record AdminConfig(String username, String password) {
    public AdminConfig {
        if (username.isBlank()) throw new ConfigException("admin.username", "must not be empty");
        if (password.isEmpty()) throw new ConfigException("admin.password", "must not be empty");
    }

    static AdminConfig from(ConfigReader r) {
        return new AdminConfig(r.string("username"), r.string("password"));
    }

    @Override
    public String toString() {
        return "AdminConfig[username=" + username + ", password=***]";
    }
}
