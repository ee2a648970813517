package io.github.serviceaccounts.cockpit;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plugin's API on PostgreSQL (profile {@code postgres}), on a database of its own:
 * its queries read the engine's tables directly. {@code ./test.sh} creates the database
 * and passes {@code -Dpostgres.cockpit-url}.
 */
@ActiveProfiles("postgres")
@EnabledIfSystemProperty(named = "postgres.cockpit-url", matches = "jdbc:postgresql:.+")
class ServiceAccountsPluginPostgresTests extends ServiceAccountsPluginTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getProperty("postgres.cockpit-url"));
		registry.add("spring.datasource.username", () -> "serviceaccounts");
		registry.add("spring.datasource.password", () -> "serviceaccounts");
	}

}
