package io.github.serviceaccounts;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same journey on PostgreSQL (profile {@code postgres}). {@code ./test.sh} starts the
 * machine's PostgreSQL 15, creates a fresh database and passes {@code -Dpostgres.url}.
 */
@ActiveProfiles("postgres")
@EnabledIfSystemProperty(named = "postgres.url", matches = "jdbc:postgresql:.+")
class PostgresJourneyTests extends ServiceAccountJourneyTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getProperty("postgres.url"));
		registry.add("spring.datasource.username", () -> "serviceaccounts");
		registry.add("spring.datasource.password", () -> "serviceaccounts");
	}

}
