package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator over real HTTP, as the product's client will meet it. Each test starts
 * from the seed data.
 */
@SpringBootTest(classes = ServiceNowSimulatorHttpTests.SimulatorOnlyApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "servicenow-simulator.state-file=",
				"servicenow-simulator.oauth-client-secret=simulator-secret" })
class ServiceNowSimulatorHttpTests {

	/**
	 * Just a web server and the simulator: the rest of the application is none of its
	 * business.
	 */
	@SpringBootConfiguration
	@ImportAutoConfiguration({ ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, PropertyPlaceholderAutoConfiguration.class })
	@Import(ServiceNowSimulatorConfiguration.class)
	static class SimulatorOnlyApplication {

	}

	private static final String INTEGRATION = basic("integration", "integration");

	private static final String SYS_ID = "[0-9a-f]{32}";

	private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

	private final ObjectMapper mapper = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	ServiceNowSimulator simulator;

	@BeforeEach
	void startFromSeed() {
		simulator.reset();
	}

	@Nested
	class Reading {

		@Test
		void emptyListIsOkOnV2AndUnversionedButNotFoundOnV1() throws Exception {
			String query = "?sysparm_query=" + encode("user_name=nobody");

			HttpResponse<String> v2 = call("GET", "/api/now/v2/table/sys_user" + query, null);
			HttpResponse<String> unversioned = call("GET", "/api/now/table/sys_user" + query, null);
			HttpResponse<String> v1 = call("GET", "/api/now/v1/table/sys_user" + query, null);

			assertThat(v2.statusCode()).isEqualTo(200);
			assertThat(json(v2).get("result")).isEmpty();
			assertThat(unversioned.statusCode()).isEqualTo(200);
			assertThat(v1.statusCode()).isEqualTo(404);
			assertThat(json(v1).at("/error/message").asText()).isEqualTo("No Record found");
			assertThat(json(v1).get("status").asText()).isEqualTo("failure");
		}

		@Test
		void everyFieldValueIsAString() throws Exception {
			JsonNode alice = onlyResult(
					call("GET", "/api/now/v2/table/sys_user?sysparm_exclude_reference_link=true&sysparm_query="
							+ encode("user_name=alice"), null));

			for (Iterator<Map.Entry<String, JsonNode>> it = alice.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> field = it.next();
				assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue();
			}
			assertThat(alice.get("active").asText()).isEqualTo("true");
			assertThat(alice.get("sys_mod_count").asText()).isEqualTo("0");
			assertThat(alice.get("last_login_time").asText()).isEmpty();
			assertThat(alice.get("name").asText()).isEqualTo("Alice Example");
			assertThat(alice.get("email").asText()).isEqualTo("alice@example.com");
			assertThat(alice.get("sys_id").asText()).matches(SYS_ID);
			assertThat(alice.get("sys_created_on").asText()).matches(DATE_TIME);
			assertThat(alice.get("sys_updated_on").asText()).matches(DATE_TIME);
		}

		@Test
		void referenceFieldsComeInTheThreeShapes() throws Exception {
			String bob = SeedData.id("sys_user", "bob");
			String aliceQuery = "sysparm_query=" + encode("user_name=alice");

			JsonNode byDefault = onlyResult(call("GET", "/api/now/v2/table/sys_user?" + aliceQuery, null))
				.get("manager");
			JsonNode bare = onlyResult(
					call("GET", "/api/now/v2/table/sys_user?sysparm_exclude_reference_link=true&" + aliceQuery, null))
				.get("manager");
			JsonNode display = onlyResult(
					call("GET", "/api/now/v2/table/sys_user?sysparm_display_value=true&" + aliceQuery, null))
				.get("manager");
			JsonNode all = onlyResult(
					call("GET", "/api/now/v2/table/sys_user?sysparm_display_value=all&" + aliceQuery, null));

			assertThat(byDefault.get("value").asText()).isEqualTo(bob);
			assertThat(byDefault.get("link").asText()).isEqualTo(url("/api/now/table/sys_user/" + bob));
			assertThat(bare.asText()).isEqualTo(bob);
			assertThat(display.get("display_value").asText()).isEqualTo("Bob Manager");
			assertThat(display.get("link").asText()).endsWith("/api/now/table/sys_user/" + bob);
			assertThat(display.has("value")).isFalse();
			assertThat(all.get("manager").get("display_value").asText()).isEqualTo("Bob Manager");
			assertThat(all.get("manager").get("value").asText()).isEqualTo(bob);
			assertThat(all.get("user_name").get("display_value").asText()).isEqualTo("alice");
			assertThat(all.get("user_name").get("value").asText()).isEqualTo("alice");
		}

		@Test
		void emptyReferenceIsAnEmptyString() throws Exception {
			JsonNode carol = onlyResult(
					call("GET", "/api/now/v2/table/sys_user?sysparm_query=" + encode("user_name=carol"), null));

			assertThat(carol.get("manager").isTextual()).isTrue();
			assertThat(carol.get("manager").asText()).isEmpty();
		}

		@Test
		void oneRecordBySysIdAndUnknownSysIdIsNotFound() throws Exception {
			String alice = SeedData.id("sys_user", "alice");

			HttpResponse<String> found = call("GET",
					"/api/now/v2/table/sys_user/" + alice + "?sysparm_fields=user_name", null);
			HttpResponse<String> missing = call("GET", "/api/now/v2/table/sys_user/" + "0".repeat(32), null);

			assertThat(json(found).at("/result/user_name").asText()).isEqualTo("alice");
			assertThat(json(found).get("result").size()).isEqualTo(1);
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(json(missing).at("/error/message").asText()).isEqualTo("No Record found");
			assertThat(json(missing).at("/error/detail").asText())
				.isEqualTo("Record doesn't exist or ACL restricts the record retrieval");
		}

		@Test
		void unknownTableIsABadRequestWithNullDetail() throws Exception {
			HttpResponse<String> response = call("GET", "/api/now/v2/table/sys_userz", null);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).at("/error/message").asText()).isEqualTo("Invalid table sys_userz");
			assertThat(json(response).at("/error/detail").isNull()).isTrue();
		}

		@Test
		void effectiveRolesByDotWalking() throws Exception {
			String integration = SeedData.id("sys_user", "integration");

			JsonNode result = json(call("GET", "/api/now/v2/table/sys_user_has_role?sysparm_query="
					+ encode("user=" + integration) + "&sysparm_fields=role.name,inherited,no_such_field", null))
				.get("result");

			assertThat(result).hasSize(1);
			assertThat(result.get(0).get("role.name").asText()).isEqualTo("user_admin");
			assertThat(result.get(0).get("inherited").asText()).isEqualTo("false");
			assertThat(result.get(0).has("no_such_field")).isFalse();
		}

		@Test
		void dotWalkedConditionsFindMembers() throws Exception {
			JsonNode result = json(
					call("GET", "/api/now/v2/table/sys_user_grmember?sysparm_fields=user.user_name&sysparm_query="
							+ encode("group.name=ServiceNow Administrators"), null))
				.get("result");

			assertThat(result).hasSize(1);
			assertThat(result.get(0).get("user.user_name").asText()).isEqualTo("carol");
		}

		@Test
		void pagesCarryTotalCountAndLinks() throws Exception {
			HttpResponse<String> firstPage = call("GET",
					"/api/now/v2/table/sys_user?sysparm_limit=2&sysparm_fields=user_name", null);
			HttpResponse<String> noCount = call("GET", "/api/now/v2/table/sys_user?sysparm_no_count=true", null);

			assertThat(json(firstPage).get("result")).hasSize(2);
			assertThat(firstPage.headers().firstValue("X-Total-Count")).hasValue("5");
			String links = firstPage.headers().firstValue("Link").orElseThrow();
			assertThat(links).contains("sysparm_offset=0>;rel=\"first\"", "sysparm_offset=-1>;rel=\"prev\"",
					"sysparm_offset=2>;rel=\"next\"", "sysparm_offset=4>;rel=\"last\"", "sysparm_fields=user_name");
			assertThat(noCount.headers().firstValue("X-Total-Count")).isEmpty();
		}

	}

	@Nested
	class EncodedQueries {

		@Test
		void newQueryWidensALookupToEverythingActive() throws Exception {
			JsonNode lookup = json(call("GET",
					"/api/now/v2/table/sys_user?sysparm_fields=user_name&sysparm_query=" + encode("user_name=nobody"),
					null))
				.get("result");
			JsonNode injected = json(call("GET", "/api/now/v2/table/sys_user?sysparm_fields=user_name&sysparm_query="
					+ encode("user_name=nobody^NQactive=true"), null))
				.get("result");

			assertThat(lookup).isEmpty();
			assertThat(userNames(injected)).containsExactlyInAnyOrder("carol", "bob", "alice", "integration");
		}

		@Test
		void unknownFieldIsDroppedWideningTheMatchAndTheLogSaysSo() throws Exception {
			JsonNode result = json(call("GET",
					"/api/now/v2/table/sys_user?sysparm_fields=user_name&sysparm_query=" + encode("usr_name=alice"),
					null))
				.get("result");

			assertThat(result).hasSize(5);
			assertThat(lastLogEntry().warnings()).anyMatch(warning -> warning.contains("unknown field 'usr_name'"));
		}

		@Test
		void javascriptValueMatchesEverythingAndIsLoggedAsDangerous() throws Exception {
			JsonNode result = json(call("GET",
					"/api/now/v2/table/sys_user?sysparm_query=" + encode("user_name=javascript:gs.getUserName()"),
					null))
				.get("result");

			assertThat(result).hasSize(5);
			assertThat(lastLogEntry().warnings()).anyMatch(warning -> warning.startsWith("DANGEROUS"));
		}

	}

	@Nested
	class Writing {

		@Test
		void insertAnswersCreatedWithLocationOfTheNewRecord() throws Exception {
			HttpResponse<String> created = call("POST", "/api/now/v2/table/sys_user",
					"{\"user_name\":\"svc_backup\",\"first_name\":\"Backup\",\"last_name\":\"Service\",\"active\":true,"
							+ "\"web_service_access_only\":true,\"manager\":\"" + SeedData.id("sys_user", "bob")
							+ "\"}");

			assertThat(created.statusCode()).isEqualTo(201);
			JsonNode record = json(created).get("result");
			assertThat(record.get("sys_id").asText()).matches(SYS_ID);
			assertThat(record.get("name").asText()).isEqualTo("Backup Service");
			assertThat(record.get("active").asText()).isEqualTo("true");
			assertThat(record.get("web_service_access_only").asText()).isEqualTo("true");
			assertThat(record.get("sys_mod_count").asText()).isEqualTo("0");
			String location = created.headers().firstValue("Location").orElseThrow();
			assertThat(location).isEqualTo(url("/api/now/table/sys_user/" + record.get("sys_id").asText()));
			assertThat(json(get(location)).at("/result/user_name").asText()).isEqualTo("svc_backup");
			assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
		}

		@Test
		void duplicateUserNameIsRefusedWhateverItsCase() throws Exception {
			HttpResponse<String> duplicate = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"ALICE\"}");

			assertThat(duplicate.statusCode()).isEqualTo(403);
			JsonNode body = json(duplicate);
			assertThat(body.at("/error/message").asText()).isEqualTo("Operation Failed");
			assertThat(body.at("/error/detail").asText()).isEqualTo("Error during insert of sys_user (ALICE)");
			assertThat(body.get("status").asText()).isEqualTo("failure");
			assertThat(simulator.records("sys_user")).hasSize(5);
			assertThat(simulator.successfulInserts("sys_user")).isZero();
		}

		@Test
		void concurrentCreatesOfOneNameMakeExactlyOneUser() throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					statuses.add(
							pool.submit(() -> call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_race\"}")
								.statusCode()));
				}
				List<Integer> answers = new ArrayList<>();
				for (Future<Integer> status : statuses) {
					answers.add(status.get(10, TimeUnit.SECONDS));
				}

				assertThat(answers).containsOnlyOnce(201).containsOnly(201, 403);
				assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
			}
			finally {
				pool.shutdownNow();
			}
		}

		@Test
		void userNameLongerThanFortyIsSilentlyTruncated() throws Exception {
			String longName = "svc_" + "x".repeat(50);

			HttpResponse<String> created = call("POST", "/api/now/v2/table/sys_user",
					"{\"user_name\":\"" + longName + "\"}");

			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(json(created).at("/result/user_name").asText()).isEqualTo(longName.substring(0, 40));
		}

		@Test
		void patchAnswersTheWholeRecordAndDeleteAnswersNoContent() throws Exception {
			String dave = SeedData.id("sys_user", "dave");

			HttpResponse<String> patched = call("PATCH", "/api/now/v2/table/sys_user/" + dave,
					"{\"locked_out\":\"true\"}");
			HttpResponse<String> deleted = call("DELETE", "/api/now/v2/table/sys_user/" + dave, null);
			HttpResponse<String> deletedAgain = call("DELETE", "/api/now/v2/table/sys_user/" + dave, null);

			assertThat(patched.statusCode()).isEqualTo(200);
			assertThat(json(patched).at("/result/locked_out").asText()).isEqualTo("true");
			assertThat(json(patched).at("/result/user_name").asText()).isEqualTo("dave");
			assertThat(json(patched).at("/result/sys_mod_count").asText()).isEqualTo("1");
			assertThat(deleted.statusCode()).isEqualTo(204);
			assertThat(deleted.body()).isEmpty();
			assertThat(deletedAgain.statusCode()).isEqualTo(404);
			assertThat(simulator.findRecord("sys_user", "user_name", "dave")).isEmpty();
		}

		@Test
		void unreadableBodyIsABadRequest() throws Exception {
			HttpResponse<String> response = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":");

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).get("status").asText()).isEqualTo("failure");
			assertThat(simulator.records("sys_user")).hasSize(5);
		}

		@Test
		void membershipGrantsTheGroupsRolesAsInheritedAndDeletingItRemovesThem() throws Exception {
			String svc = createUser("svc_reporting");
			String group = SeedData.id("sys_user_group", SeedData.SERVICE_ACCOUNTS_GROUP);

			String membership = json(call("POST", "/api/now/v2/table/sys_user_grmember",
					"{\"user\":\"" + svc + "\",\"group\":\"" + group + "\"}"))
				.at("/result/sys_id")
				.asText();
			JsonNode roles = rolesOf(svc);

			assertThat(roles).hasSize(2);
			assertThat(roles).allSatisfy(role -> {
				assertThat(role.get("inherited").asText()).isEqualTo("true");
				assertThat(role.get("inh_count").asText()).isEqualTo("1");
			});
			assertThat(roleNames(roles)).containsExactlyInAnyOrder("itil", "rest_api_explorer");

			HttpResponse<String> deleted = call("DELETE", "/api/now/v2/table/sys_user_grmember/" + membership, null);

			assertThat(deleted.statusCode()).isEqualTo(204);
			assertThat(rolesOf(svc)).isEmpty();
		}

		@Test
		void duplicateMembershipIsNotPreventedAndCountsTwice() throws Exception {
			String svc = createUser("svc_twice");
			String body = "{\"user\":\"" + svc + "\",\"group\":\""
					+ SeedData.id("sys_user_group", SeedData.CMDB_READ_GROUP) + "\"}";

			HttpResponse<String> first = call("POST", "/api/now/v2/table/sys_user_grmember", body);
			HttpResponse<String> second = call("POST", "/api/now/v2/table/sys_user_grmember", body);

			assertThat(first.statusCode()).isEqualTo(201);
			assertThat(second.statusCode()).isEqualTo(201);
			JsonNode roles = rolesOf(svc);
			assertThat(roles).hasSize(1);
			assertThat(roles.get(0).get("role.name").asText()).isEqualTo("cmdb_read");
			assertThat(roles.get(0).get("inh_count").asText()).isEqualTo("2");
		}

		@Test
		void addingAMemberToTheAdministratorsGroupIsRefused() throws Exception {
			String svc = createUser("svc_sneaky");

			HttpResponse<String> response = call("POST", "/api/now/v2/table/sys_user_grmember", "{\"user\":\"" + svc
					+ "\",\"group\":\"" + SeedData.id("sys_user_group", SeedData.ADMINISTRATORS_GROUP) + "\"}");

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(json(response).at("/error/message").asText()).isEqualTo("Operation Failed");
			assertThat(rolesOf(svc)).isEmpty();
			assertThat(simulator.successfulInserts("sys_user_grmember")).isZero();
		}

		@Test
		void passwordWorksOnlyWhenWrittenWithInputDisplayValue() throws Exception {
			String svc = createUser("svc_secret");

			HttpResponse<String> plain = call("PATCH", "/api/now/v2/table/sys_user/" + svc,
					"{\"user_password\":\"S3cret-Pa55\"}");

			assertThat(plain.statusCode()).isEqualTo(200);
			assertThat(json(plain).at("/result/user_password").asText()).isEmpty();
			assertThat(simulator.passwordWorks("svc_secret")).isFalse();

			HttpResponse<String> effective = call("PATCH",
					"/api/now/v2/table/sys_user/" + svc + "?sysparm_input_display_value=true",
					"{\"user_password\":\"S3cret-Pa55\"}");

			assertThat(effective.statusCode()).isEqualTo(200);
			assertThat(json(effective).at("/result/user_password").asText()).isEmpty();
			assertThat(simulator.passwordWorks("svc_secret")).isTrue();
			HttpResponse<String> state = call("GET", "/state", null);
			assertThat(state.body()).doesNotContain("S3cret-Pa55");
			assertThat(json(state).at("/tables/sys_user"))
				.allSatisfy(user -> assertThat(user.has("user_password")).isFalse());
			assertThat(json(state).at("/passwordWorks/svc_secret").asBoolean()).isTrue();
		}

	}

	@Nested
	class Authentication {

		@Test
		void missingOrWrongCredentialsAreUnauthorizedWithTheBasicChallenge() throws Exception {
			HttpResponse<String> missing = send("GET", "/api/now/v2/table/sys_user", null, null);
			HttpResponse<String> wrong = send("GET", "/api/now/v2/table/sys_user", null, basic("integration", "guess"));

			for (HttpResponse<String> response : List.of(missing, wrong)) {
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("BASIC realm=\"Service-now\"");
				assertThat(json(response).at("/error/message").asText()).isEqualTo("User Not Authenticated");
				assertThat(json(response).at("/error/detail").asText())
					.isEqualTo("Required to provide Auth information");
			}
		}

		@Test
		void clientCredentialsGiveABearerTokenThatWorks() throws Exception {
			HttpResponse<String> token = oauth(
					"grant_type=client_credentials&client_id=camunda-provisioning&client_secret=simulator-secret");

			assertThat(token.statusCode()).isEqualTo(200);
			JsonNode body = json(token);
			assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
			assertThat(body.get("expires_in").asInt()).isEqualTo(1799);
			assertThat(body.get("scope").asText()).isEqualTo("useraccount");
			HttpResponse<String> withToken = send("GET", "/api/now/v2/table/sys_user_role", null,
					"Bearer " + body.get("access_token").asText());
			assertThat(withToken.statusCode()).isEqualTo(200);
			assertThat(json(withToken).get("result")).hasSize(6);
			assertThat(send("GET", "/api/now/v2/table/sys_user_role", null, "Bearer not-a-token").statusCode())
				.isEqualTo(401);
		}

		@Test
		void wrongClientSecretIsRefusedTheServiceNowWay() throws Exception {
			HttpResponse<String> token = oauth(
					"grant_type=client_credentials&client_id=camunda-provisioning&client_secret=nope");

			assertThat(token.statusCode()).isEqualTo(401);
			assertThat(json(token).get("error").asText()).isEqualTo("server_error");
			assertThat(json(token).get("error_description").asText()).isEqualTo("access_denied");
			assertThat(simulator.requestLog().get(simulator.requestLog().size() - 1).query()).doesNotContain("nope");
		}

		@Test
		void controlEndpointsNeedTheSimulatorsCredentials() throws Exception {
			assertThat(send("GET", "/state", null, null).statusCode()).isEqualTo(401);
			assertThat(send("POST", "/reset", null, basic("integration", "guess")).statusCode()).isEqualTo(401);
		}

	}

	@Nested
	class LoginsAsAccounts {

		@Test
		void aCreatedAccountReadsWithItsPasswordAndEachLoginSetsLastLoginTime() throws Exception {
			createAccount("svc_reader", "One-Time#Pass-1");
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_reader").orElseThrow())
				.containsEntry("last_login_time", "");
			String before = utcNow();

			HttpResponse<String> own = send("GET",
					"/api/now/table/sys_user?sysparm_fields=user_name,last_login_time,user_password&sysparm_query="
							+ encode("user_name=svc_reader"),
					null, basic("svc_reader", "One-Time#Pass-1"));

			assertThat(own.statusCode()).isEqualTo(200);
			JsonNode record = onlyResult(own);
			assertThat(record.get("user_name").asText()).isEqualTo("svc_reader");
			assertThat(record.get("last_login_time").asText()).matches(DATE_TIME).isBetween(before, utcNow());
			assertThat(record.get("user_password").asText()).isEmpty();
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_reader").orElseThrow())
				.containsEntry("last_login_time", record.get("last_login_time").asText());
			HttpResponse<String> state = call("GET", "/state", null);
			assertThat(state.body()).doesNotContain("One-Time#Pass-1").doesNotContain("pbkdf2");
		}

		@Test
		void aWrongPasswordAnInactiveOrALockedOutAccountIsUnauthorizedAndNoLoginIsRecorded() throws Exception {
			String sysId = createAccount("svc_refused", "Right-Pass-2");

			HttpResponse<String> wrong = send("GET", "/api/now/table/incident", null,
					basic("svc_refused", "Wrong-Pass-2"));
			assertThat(call("PATCH", "/api/now/v2/table/sys_user/" + sysId, "{\"locked_out\":\"true\"}").statusCode())
				.isEqualTo(200);
			HttpResponse<String> lockedOut = send("GET", "/api/now/table/incident", null,
					basic("svc_refused", "Right-Pass-2"));
			assertThat(call("PATCH", "/api/now/v2/table/sys_user/" + sysId,
					"{\"locked_out\":\"false\",\"active\":\"false\"}")
				.statusCode()).isEqualTo(200);
			HttpResponse<String> inactive = send("GET", "/api/now/table/incident", null,
					basic("svc_refused", "Right-Pass-2"));
			HttpResponse<String> unknown = send("GET", "/api/now/table/incident", null,
					basic("svc_nobody", "Right-Pass-2"));
			HttpResponse<String> seededPerson = send("GET", "/api/now/table/incident", null, basic("alice", ""));

			for (HttpResponse<String> refused : List.of(wrong, lockedOut, inactive, unknown, seededPerson)) {
				assertThat(refused.statusCode()).isEqualTo(401);
				assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("BASIC realm=\"Service-now\"");
				assertThat(json(refused).at("/error/message").asText()).isEqualTo("User Not Authenticated");
				assertThat(json(refused).get("status").asText()).isEqualTo("failure");
			}
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_refused").orElseThrow())
				.containsEntry("last_login_time", "");
		}

		@Test
		void webServiceAccessOnlyAndPasswordNeedsResetDoNotBlockRestCalls() throws Exception {
			String sysId = createAccount("svc_headless", "Headless-Pass-3");
			call("PATCH", "/api/now/v2/table/sys_user/" + sysId,
					"{\"web_service_access_only\":\"true\",\"password_needs_reset\":\"true\"}");

			HttpResponse<String> read = send("GET", "/api/now/v2/table/incident?sysparm_limit=1", null,
					basic("svc_headless", "Headless-Pass-3"));

			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(json(read).get("result")).hasSize(1);
		}

		@Test
		void aPasswordWrittenWithoutInputDisplayValueOrReplacedNoLongerWorks() throws Exception {
			String sysId = createAccount("svc_rotated", "First-Pass-4");
			String users = "/api/now/table/sys_user?sysparm_limit=1";
			assertThat(send("GET", users, null, basic("svc_rotated", "First-Pass-4")).statusCode()).isEqualTo(200);

			setPassword(sysId, "Second-Pass-4");

			assertThat(send("GET", users, null, basic("svc_rotated", "First-Pass-4")).statusCode()).isEqualTo(401);
			assertThat(send("GET", users, null, basic("svc_rotated", "Second-Pass-4")).statusCode()).isEqualTo(200);

			call("PATCH", "/api/now/v2/table/sys_user/" + sysId, "{\"user_password\":\"Third-Pass-4\"}");

			assertThat(send("GET", users, null, basic("svc_rotated", "Second-Pass-4")).statusCode()).isEqualTo(401);
			assertThat(send("GET", users, null, basic("svc_rotated", "Third-Pass-4")).statusCode()).isEqualTo(401);
		}

		@Test
		void anAccountMayOnlyReadWhileTheIntegrationAccountKeepsItsRights() throws Exception {
			String sysId = createAccount("svc_readonly", "Read-Only-5");
			String account = basic("svc_readonly", "Read-Only-5");
			String incident = SeedData.id("incident", "INC0010001");

			HttpResponse<String> insert = send("POST", "/api/now/v2/table/incident",
					"{\"short_description\":\"Written by an account\"}", account);
			HttpResponse<String> update = send("PATCH", "/api/now/v2/table/sys_user/" + sysId,
					"{\"web_service_access_only\":\"true\"}", account);
			HttpResponse<String> delete = send("DELETE", "/api/now/v2/table/incident/" + incident, null, account);

			assertThat(insert.statusCode()).isEqualTo(403);
			assertThat(json(insert).at("/error/message").asText()).isEqualTo("Operation Failed");
			assertThat(json(insert).at("/error/detail").asText())
				.isEqualTo("ACL Exception Insert Failed due to security constraints");
			assertThat(json(update).at("/error/detail").asText())
				.isEqualTo("ACL Exception Update Failed due to security constraints");
			assertThat(json(delete).at("/error/detail").asText())
				.isEqualTo("ACL Exception Delete Failed due to security constraints");
			assertThat(List.of(update.statusCode(), delete.statusCode())).containsOnly(403);
			assertThat(simulator.records("incident")).hasSize(6);
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_readonly").orElseThrow())
				.containsEntry("web_service_access_only", "false");
			assertThat(call("PATCH", "/api/now/v2/table/sys_user/" + sysId, "{\"web_service_access_only\":\"true\"}")
				.statusCode()).isEqualTo(200);
		}

		@Test
		void anAccountCannotSteerTheSimulator() throws Exception {
			createAccount("svc_curious", "Curious-Pass-6");

			assertThat(send("GET", "/state", null, basic("svc_curious", "Curious-Pass-6")).statusCode()).isEqualTo(401);
			assertThat(send("POST", "/reset", null, basic("svc_curious", "Curious-Pass-6")).statusCode())
				.isEqualTo(401);
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_curious")).isPresent();
		}

	}

	@Nested
	class Incidents {

		@Test
		void aFewSeededIncidentsWithChoiceValuesAndTheirLabels() throws Exception {
			HttpResponse<String> values = call("GET",
					"/api/now/v2/table/incident?sysparm_limit=5&sysparm_fields=number,state,priority,active", null);
			HttpResponse<String> labels = call("GET", "/api/now/v2/table/incident?sysparm_display_value=true"
					+ "&sysparm_fields=number,state,priority,caller_id&sysparm_query=" + encode("number=INC0010001"),
					null);

			assertThat(values.statusCode()).isEqualTo(200);
			assertThat(values.headers().firstValue("X-Total-Count")).hasValue("6");
			JsonNode first = json(values).get("result").get(0);
			assertThat(json(values).get("result")).hasSize(5);
			assertThat(first.get("number").asText()).isEqualTo("INC0010001");
			assertThat(first.get("state").asText()).isEqualTo("2");
			assertThat(first.get("priority").asText()).isEqualTo("3");
			assertThat(first.get("active").asText()).isEqualTo("true");
			JsonNode labelled = onlyResult(labels);
			assertThat(labelled.get("state").asText()).isEqualTo("In Progress");
			assertThat(labelled.get("priority").asText()).isEqualTo("3 - Moderate");
			assertThat(labelled.at("/caller_id/display_value").asText()).isEqualTo("Alice Example");
		}

	}

	@Nested
	class Explorer {

		@Test
		void thePageOffersReadyCallsForTheAccountUnderAStrictPolicy() throws Exception {
			HttpResponse<String> page = send("GET", "/$restapi.do?user=svc_jira_sync", null, null);

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
			String html = page.body();
			assertThat(html).contains("<title>REST API Explorer (simulator)</title>", "value=\"svc_jira_sync\"",
					"curl -u &#39;svc_jira_sync&#39; -H &#39;Accept: application/json&#39; &#39;" + url(
							"/api/now/table/sys_user?sysparm_query=user_name%3Dsvc_jira_sync&amp;sysparm_fields=user_name,last_login_time&#39;"),
					"/api/now/table/incident?sysparm_limit=5", ">Run</button>");
			String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
			String nonce = policy.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
			assertThat(policy).contains("default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'",
					"form-action 'none'");
			assertThat(nonce).matches("[A-Za-z0-9+/=]{20,}");
			assertThat(html).contains("<script nonce=\"" + nonce + "\">", "<style nonce=\"" + nonce + "\">")
				.doesNotContainPattern("<script(?! nonce=\"" + Pattern.quote(nonce) + "\")")
				.doesNotContainPattern("\\son[a-z]+=");
			assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(send("GET", "/$restapi.do", null, null).headers().firstValue("Content-Security-Policy")).get()
				.isNotEqualTo(policy);
		}

		@Test
		void withoutAUserThePageShowsAPlaceholderAndNeverAPassword() throws Exception {
			HttpResponse<String> page = send("GET", "/%24restapi.do", null, null);

			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("curl -u &#39;&lt;user name&gt;&#39;")
				.doesNotContain("integration:")
				.doesNotContain("value=\"svc_");
		}

		@Test
		void aHostileUserParameterIsRefusedWithoutBeingEchoed() throws Exception {
			for (String hostile : List.of("<script>alert(1)</script>", "svc_x' onmouseover='alert(1)",
					"svc_x\"><img src=x>", "svc x", "x".repeat(41))) {
				HttpResponse<String> page = send("GET", "/$restapi.do?user=" + encode(hostile), null, null);

				assertThat(page.statusCode()).as(hostile).isEqualTo(400);
				assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
				assertThat(page.body()).contains("'user'", "letters, digits").doesNotContain(hostile);
			}
		}

		@Test
		void theFirstCallOfThePageWorksForACreatedAccountAndFillsItsLastLogin() throws Exception {
			createAccount("svc_explorer", "Explorer-Pass-7");
			String html = send("GET", "/$restapi.do?user=svc_explorer", null, null).body();
			String path = html.replaceAll("(?s).*?<section class=\"call\" data-path=\"([^\"]+)\".*", "$1")
				.replace("&amp;", "&")
				.replace("{user}", "svc_explorer");

			HttpResponse<String> answer = send("GET", "/" + path, null, basic("svc_explorer", "Explorer-Pass-7"));

			assertThat(path).startsWith("api/now/table/sys_user?");
			assertThat(answer.statusCode()).isEqualTo(200);
			JsonNode record = onlyResult(answer);
			assertThat(record.get("user_name").asText()).isEqualTo("svc_explorer");
			assertThat(record.get("last_login_time").asText()).matches(DATE_TIME);
		}

		@Test
		void thePageIsReadOnly() throws Exception {
			HttpResponse<String> post = send("POST", "/$restapi.do?user=svc_x", "{}", null);

			assertThat(post.statusCode()).isEqualTo(405);
		}

	}

	@Nested
	class Faults {

		@Test
		void scriptedServerErrorsAnswerBeforeAnythingIsWritten() throws Exception {
			simulator.faults().failNext(1, Fault.INTERNAL_SERVER_ERROR, "POST", "sys_user");
			simulator.faults().failNext(1, Fault.BAD_GATEWAY, "POST", "sys_user");
			simulator.faults().failNext(1, Fault.SERVICE_UNAVAILABLE, "POST", "sys_user");

			HttpResponse<String> first = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_a\"}");
			HttpResponse<String> second = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_a\"}");
			HttpResponse<String> third = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_a\"}");
			HttpResponse<String> fourth = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_a\"}");

			assertThat(first.statusCode()).isEqualTo(500);
			assertThat(json(first).get("status").asText()).isEqualTo("failure");
			assertThat(second.statusCode()).isEqualTo(502);
			assertThat(second.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
			assertThat(third.statusCode()).isEqualTo(503);
			assertThat(fourth.statusCode()).isEqualTo(201);
			assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
			assertThat(simulator.requestLog()).extracting(RequestLogEntry::fault)
				.containsExactly(Fault.INTERNAL_SERVER_ERROR, Fault.BAD_GATEWAY, Fault.SERVICE_UNAVAILABLE, null);
		}

		@Test
		void scriptedFaultsHitOnlyTheMatchingMethodAndTable() throws Exception {
			simulator.faults().failNext(1, Fault.INTERNAL_SERVER_ERROR, "POST", "sys_user_grmember");

			assertThat(call("GET", "/api/now/v2/table/sys_user_grmember", null).statusCode()).isEqualTo(200);
			assertThat(call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_b\"}").statusCode())
				.isEqualTo(201);
			assertThat(call("POST", "/api/now/v2/table/sys_user_grmember", "{}").statusCode()).isEqualTo(500);
		}

		@Test
		void rateLimitAnswers429WithRetryAfterAndTheRealBody() throws Exception {
			simulator.faults().configure(FaultPlan.NONE.withRateLimit(0, 7));
			simulator.faults().failNext(1, Fault.RATE_LIMITED, null, null);

			HttpResponse<String> response = call("GET", "/api/now/v2/table/sys_user", null);

			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
			assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
			assertThat(response.headers().firstValue("X-RateLimit-Rule").orElseThrow()).matches(SYS_ID);
			long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
			assertThat(reset).isGreaterThan(System.currentTimeMillis() / 1000);
			assertThat(json(response).at("/error/message").asText()).isEqualTo("Rate limit exceeded");
			assertThat(json(response).at("/error/detail").asText())
				.matches("Rate limit of \\d+ requests per hour for Table API exceeded");
		}

		@Test
		void commitThenFailReallyCommits() throws Exception {
			simulator.faults().failNext(1, Fault.COMMIT_THEN_FAIL, null, "sys_user");

			HttpResponse<String> read = call("GET", "/api/now/v2/table/sys_user?sysparm_limit=1", null);
			HttpResponse<String> create = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_ghost\"}");

			assertThat(read.statusCode()).as("reads are never hit").isEqualTo(200);
			assertThat(create.statusCode()).isEqualTo(500);
			assertThat(json(create).at("/error/message").asText())
				.isEqualTo("Transaction cancelled: maximum execution time exceeded");
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_ghost")).isPresent();
			assertThat(simulator.successfulInserts("sys_user")).isEqualTo(1);
			HttpResponse<String> retry = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_ghost\"}");
			assertThat(retry.statusCode()).as("a blind retry meets the committed record").isEqualTo(403);
		}

		@Test
		void truncatedBodyCannotBeParsed() throws Exception {
			simulator.faults().failNext(1, Fault.TRUNCATED_BODY, "GET", null);

			HttpResponse<String> response = call("GET", "/api/now/v2/table/sys_user", null);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("{\"result\":[").contains("\"error\"");
			assertThatThrownBy(() -> mapper.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
		}

		@Test
		void timeoutHoldsTheCallWhileTheWriteStillHappens() throws Exception {
			simulator.faults().configure(FaultPlan.NONE.withTimeouts(0, 1_500));
			simulator.faults().failNext(1, Fault.TIMEOUT, "POST", "sys_user");
			HttpRequest request = request("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_late\"}",
					INTEGRATION)
				.timeout(Duration.ofMillis(300))
				.build();

			assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
				.isInstanceOf(HttpTimeoutException.class);

			assertThat(simulator.findRecord("sys_user", "user_name", "svc_late")).isEmpty();
			long deadline = System.currentTimeMillis() + 5_000;
			while (simulator.findRecord("sys_user", "user_name", "svc_late").isEmpty()
					&& System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			assertThat(simulator.findRecord("sys_user", "user_name", "svc_late")).isPresent();
		}

		@Test
		void latencyIsAddedToEveryCall() throws Exception {
			simulator.faults().configure(FaultPlan.NONE.withLatency(300));

			long start = System.nanoTime();
			call("GET", "/api/now/v2/table/sys_user_role", null);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}

		@Test
		void randomPlanSetOverHttpFailsEveryCallAtRateOne() throws Exception {
			HttpResponse<String> put = call("PUT", "/faults",
					"{\"errorRate\":1.0,\"errorStatuses\":[503],\"randomSeed\":42}");

			assertThat(put.statusCode()).isEqualTo(200);
			for (int i = 0; i < 5; i++) {
				assertThat(call("GET", "/api/now/v2/table/sys_user", null).statusCode()).isEqualTo(503);
			}
			assertThat(call("GET", "/state", null).statusCode()).as("control endpoints are never faulted")
				.isEqualTo(200);

			assertThat(call("DELETE", "/faults", null).statusCode()).isEqualTo(204);
			assertThat(call("GET", "/api/now/v2/table/sys_user", null).statusCode()).isEqualTo(200);
		}

		@Test
		void invalidPlanIsABadRequest() throws Exception {
			HttpResponse<String> put = call("PUT", "/faults", "{\"errorRate\":1.5}");

			assertThat(put.statusCode()).isEqualTo(400);
			assertThat(json(put).at("/error/detail").asText()).contains("errorRate");
		}

		@Test
		void scriptedFaultsCanBeQueuedOverHttp() throws Exception {
			HttpResponse<String> queued = call("POST", "/faults/next",
					"{\"count\":2,\"fault\":\"GATEWAY_TIMEOUT\",\"method\":\"GET\",\"table\":\"sys_user\"}");

			assertThat(queued.statusCode()).isEqualTo(204);
			assertThat(call("GET", "/api/now/v2/table/sys_user", null).statusCode()).isEqualTo(504);
			assertThat(call("GET", "/api/now/v2/table/sys_user", null).statusCode()).isEqualTo(504);
			assertThat(call("GET", "/api/now/v2/table/sys_user", null).statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class ControlAndLog {

		@Test
		void resetOverHttpRestoresTheSeedAndForgetsTheLog() throws Exception {
			createUser("svc_temporary");

			assertThat(call("POST", "/reset", null).statusCode()).isEqualTo(204);

			assertThat(simulator.findRecord("sys_user", "user_name", "svc_temporary")).isEmpty();
			assertThat(simulator.successfulInserts("sys_user")).isZero();
			assertThat(simulator.requestLog()).isEmpty();
		}

		@Test
		void stateShowsRecordsCountersAndLogButNoPasswordField() throws Exception {
			createUser("svc_counted");

			JsonNode state = json(call("GET", "/state", null));

			assertThat(state.at("/successfulInserts/sys_user").asInt()).isEqualTo(1);
			assertThat(state.at("/tables/sys_user")).hasSize(6);
			assertThat(state.at("/tables/sys_user/0").has("user_password")).isFalse();
			assertThat(state.at("/tables/sys_user/0").has("user_name")).isTrue();
			assertThat(state.get("requestLog")).isNotEmpty();
			assertThat(state.at("/requestLog/0/method").asText()).isEqualTo("POST");
		}

		@Test
		void requestLogHoldsNoBodyAndMasksPasswordValuesInQueries() throws Exception {
			call("POST", "/api/now/v2/table/sys_user",
					"{\"user_name\":\"svc_private\",\"user_password\":\"Body-Secret-1\"}");
			call("GET", "/api/now/v2/table/sys_user?sysparm_query=" + encode("user_password=Query-Secret-2"), null);
			call("GET", "/api/now/v2/table/sys_user?sysparm_limit=1&Client_Secret=Query-Secret-3", null);

			String log = simulator.requestLog().toString();
			assertThat(log).doesNotContain("Body-Secret-1")
				.doesNotContain("Query-Secret-2")
				.doesNotContain("svc_private")
				.doesNotContain("Query-Secret-3");
			assertThat(simulator.requestLog().get(2).query()).isEqualTo("sysparm_limit=1&Client_Secret=***");
			assertThat(simulator.requestLog()).extracting(RequestLogEntry::status).containsExactly(201, 200, 200);
			assertThat(simulator.requestLog().get(0).path()).isEqualTo("/api/now/v2/table/sys_user");
		}

	}

	/**
	 * An active account with a working password, made the way the product makes one.
	 */
	private String createAccount(String userName, String password) throws IOException, InterruptedException {
		HttpResponse<String> created = call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"" + userName
				+ "\",\"active\":\"true\",\"manager\":\"" + SeedData.id("sys_user", "alice") + "\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String sysId = json(created).at("/result/sys_id").asText();
		setPassword(sysId, password);
		return sysId;
	}

	private void setPassword(String sysId, String password) throws IOException, InterruptedException {
		HttpResponse<String> set = call("PATCH",
				"/api/now/v2/table/sys_user/" + sysId + "?sysparm_input_display_value=true",
				"{\"user_password\":\"" + password + "\",\"password_needs_reset\":\"true\"}");
		assertThat(set.statusCode()).isEqualTo(200);
	}

	private static String utcNow() {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now());
	}

	private String createUser(String userName) throws IOException, InterruptedException {
		HttpResponse<String> created = call("POST", "/api/now/v2/table/sys_user",
				"{\"user_name\":\"" + userName + "\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		return json(created).at("/result/sys_id").asText();
	}

	private JsonNode rolesOf(String userSysId) throws IOException, InterruptedException {
		return json(call("GET",
				"/api/now/v2/table/sys_user_has_role?sysparm_fields=role.name,inherited,inh_count&sysparm_query="
						+ encode("user=" + userSysId),
				null))
			.get("result");
	}

	private static List<String> roleNames(JsonNode roles) {
		List<String> names = new ArrayList<>();
		roles.forEach(role -> names.add(role.get("role.name").asText()));
		return names;
	}

	private static List<String> userNames(JsonNode users) {
		List<String> names = new ArrayList<>();
		users.forEach(user -> names.add(user.get("user_name").asText()));
		return names;
	}

	private RequestLogEntry lastLogEntry() {
		List<RequestLogEntry> log = simulator.requestLog();
		return log.get(log.size() - 1);
	}

	private JsonNode onlyResult(HttpResponse<String> response) throws IOException {
		JsonNode result = json(response).get("result");
		assertThat(result).hasSize(1);
		return result.get(0);
	}

	private JsonNode json(HttpResponse<String> response) throws IOException {
		return mapper.readTree(response.body());
	}

	private HttpResponse<String> oauth(String form) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url("/oauth_token.do")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String absoluteUrl) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(absoluteUrl)).header("Authorization", INTEGRATION).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> call(String method, String path, String body)
			throws IOException, InterruptedException {
		return send(method, path, body, INTEGRATION);
	}

	private HttpResponse<String> send(String method, String path, String body, String authorization)
			throws IOException, InterruptedException {
		return http.send(request(method, path, body, authorization).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String method, String path, String body, String authorization) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Accept", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return builder;
	}

	private String url(String path) {
		return "http://localhost:" + port + ServiceNowSimulator.PATH_PREFIX + path;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
