package io.github.serviceaccounts.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A restart, even after a SIGKILL, finds everything the product wrote: each write is on
 * disk before its answer.
 */
class SimulatorPersistenceTests {

	@TempDir
	Path directory;

	@Test
	void writesSurviveARestart() {
		Path file = directory.resolve("data/servicenow-simulator.json");
		ServiceNowSimulator before = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		String userId = insert(before, "sys_user", Map.of("user_name", "svc_durable", "first_name", "Durable"), true);
		insert(before, "sys_user", Map.of("user_name", "svc_password_ignored", "user_password", "Not-Effective-1"),
				false);
		insert(before, "sys_user_grmember",
				Map.of("user", userId, "group", SeedData.id("sys_user_group", SeedData.CMDB_READ_GROUP)), false);
		update(before, "sys_user", userId, Map.of("user_password", "Effective-Secret-2"), true);

		// A new instance on the same file, as after a restart; the old one is simply
		// abandoned.
		ServiceNowSimulator after = ServiceNowSimulator.create("integration", file, Clock.systemUTC());

		assertThat(after.findRecord("sys_user", "user_name", "svc_durable")).get()
			.satisfies(user -> assertThat(user).containsEntry("name", "Durable").containsEntry("sys_id", userId));
		assertThat(after.records("sys_user_grmember")).hasSize(2);
		assertThat(after.records("sys_user_has_role"))
			.anySatisfy(role -> assertThat(role).containsEntry("user", userId).containsEntry("inherited", "true"));
		assertThat(after.successfulInserts("sys_user")).isEqualTo(2);
		assertThat(after.successfulInserts("sys_user_grmember")).isEqualTo(1);
		assertThat(after.passwordWorks("svc_durable")).isTrue();
		assertThat(after.passwordWorks("svc_password_ignored")).isFalse();
		assertThat(after.passwordWorks("integration")).isTrue();
	}

	@Test
	void theFileHoldsNoPasswordNoLogAndNoLeftoverTemporaryFile() throws Exception {
		Path file = directory.resolve("state.json");
		ServiceNowSimulator simulator = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		String userId = insert(simulator, "sys_user", Map.of("user_name", "svc_quiet"), false);
		update(simulator, "sys_user", userId, Map.of("user_password", "Never-On-Disk-3"), true);

		String content = Files.readString(file);

		assertThat(content).contains("svc_quiet").doesNotContain("Never-On-Disk-3").doesNotContain("requestLog");
		try (var files = Files.list(directory)) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void anAccountStillLogsInAfterARestartWhileTheFileHoldsOnlyASaltedHash() throws Exception {
		Path file = directory.resolve("state.json");
		ServiceNowSimulator before = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		String userId = insert(before, "sys_user", Map.of("user_name", "svc_restarted", "active", "true"), false);
		update(before, "sys_user", userId, Map.of("user_password", "Kept-As-Hash-4"), true);

		ServiceNowSimulator after = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		AccountLogins logins = new AccountLogins(after.store(), "integration");

		assertThat(logins.login("svc_restarted", "Kept-As-Hash-4")).contains(Caller.account("svc_restarted"));
		assertThat(logins.login("svc_restarted", "Kept-As-Hash-5")).isEmpty();
		assertThat(after.findRecord("sys_user", "user_name", "svc_restarted").orElseThrow().get("last_login_time"))
			.isNotEmpty();
		String content = Files.readString(file);
		assertThat(content).doesNotContain("Kept-As-Hash-4")
			.contains("\"passwordHashes\":{\"" + userId + "\":\"pbkdf2-sha256$");
	}

	@Test
	void aFileWrittenBeforeTheIncidentTableGetsTheSeededIncidents() throws Exception {
		Path file = directory.resolve("state.json");
		ServiceNowSimulator simulator = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		insert(simulator, "sys_user", Map.of("user_name", "svc_older"), false);
		String withoutIncidents = Files.readString(file)
			.replaceAll(",\"incident\":\\[[^\\]]*\\]", "")
			.replace("\"format\":2", "\"format\":1")
			.replaceAll(",\"passwordHashes\":\\{[^}]*\\}", "");
		assertThat(withoutIncidents).doesNotContain("INC0010001").doesNotContain("passwordHashes");
		Files.writeString(file, withoutIncidents);

		ServiceNowSimulator restarted = ServiceNowSimulator.create("integration", file, Clock.systemUTC());

		assertThat(restarted.findRecord("sys_user", "user_name", "svc_older")).isPresent();
		assertThat(restarted.records("incident")).hasSize(6);
	}

	@Test
	void resetIsPersistedToo() {
		Path file = directory.resolve("state.json");
		ServiceNowSimulator simulator = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		insert(simulator, "sys_user", Map.of("user_name", "svc_gone"), false);

		simulator.reset();

		ServiceNowSimulator restarted = ServiceNowSimulator.create("integration", file, Clock.systemUTC());
		assertThat(restarted.findRecord("sys_user", "user_name", "svc_gone")).isEmpty();
		assertThat(restarted.records("sys_user")).hasSize(5);
	}

	@Test
	void aMissingFileStartsFromTheSeedAndMemoryOnlyWritesNothing() throws Exception {
		ServiceNowSimulator memoryOnly = ServiceNowSimulator.create("integration", null, Clock.systemUTC());
		insert(memoryOnly, "sys_user", Map.of("user_name", "svc_volatile"), false);

		assertThat(memoryOnly.records("sys_user")).hasSize(6);
		try (var files = Files.list(directory)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void aDamagedFileStopsTheStartWithAClearMessage() throws Exception {
		Path file = directory.resolve("state.json");
		Files.writeString(file, "{\"tables\":{\"sys_user\":[{");

		assertThatThrownBy(() -> ServiceNowSimulator.create("integration", file, Clock.systemUTC()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("delete it to start again from the seed data");
	}

	private static String insert(ServiceNowSimulator simulator, String table, Map<String, String> fields,
			boolean inputDisplayValue) {
		return simulator.store()
			.write(tables -> BusinessRules.insert(tables, TableSchema.table(table).orElseThrow(),
					new LinkedHashMap<>(fields), context(simulator, inputDisplayValue)))
			.get("sys_id");
	}

	private static void update(ServiceNowSimulator simulator, String table, String sysId, Map<String, String> fields,
			boolean inputDisplayValue) {
		simulator.store()
			.write(tables -> BusinessRules.update(tables, TableSchema.table(table).orElseThrow(), sysId,
					new LinkedHashMap<>(fields), context(simulator, inputDisplayValue)));
	}

	private static BusinessRules.WriteContext context(ServiceNowSimulator simulator, boolean inputDisplayValue) {
		List<String> warnings = new ArrayList<>();
		return new BusinessRules.WriteContext("integration", false, inputDisplayValue, simulator.store().now(),
				warnings);
	}

}
