package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.serviceaccounts.servicenow.AccountPage;
import io.github.serviceaccounts.servicenow.AccountState;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowTransientException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserGroupMembership;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the service account lifecycle (#20) needs of the simulated instance, driven by the
 * product's own client over real HTTP where it can be: identity types, deleting
 * memberships, pages in a stable order, two-level dot-walks, and many accounts seeded at
 * once.
 */
@SpringBootTest(classes = ServiceNowSimulatorHttpTests.SimulatorOnlyApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "servicenow-simulator.state-file=",
				"servicenow-simulator.oauth-client-secret=simulator-secret" })
class LifecycleSimulatorTests {

	static final String INTEGRATION = "Basic "
			+ Base64.getEncoder().encodeToString("integration:integration".getBytes(StandardCharsets.UTF_8));

	static final String SERVICE_ACCOUNTS = SeedData.id("sys_user_group", SeedData.SERVICE_ACCOUNTS_GROUP);

	static final String BOB = SeedData.id("sys_user", "bob");

	private final ObjectMapper mapper = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	ServiceNowSimulator simulator;

	ServiceNowClient client;

	@BeforeEach
	void startFromSeed() {
		simulator.reset();
		client = client(port);
	}

	static ServiceNowClient client(int port) {
		// The JDK's client keeps no cookies, as the product's client does not.
		RestClient rest = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient()))
			.defaultHeader("Authorization", INTEGRATION)
			.defaultHeader("Accept", "application/json")
			.build();
		return new ServiceNowClient(rest, () -> "http://localhost:" + port + ServiceNowSimulator.PATH_PREFIX);
	}

	@Test
	void tenThousandAccountsAreSeededQuicklyAndReadInPagesOfAThousandWithTheirOwners() throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> seeded = call("POST", "/seed-accounts", """
				{"count":10000,"prefix":"svc_bench_","owner":"bob","lastLoginDaysAgo":120,"createdDaysAgo":400,
				 "group":"ServiceNow Service Accounts"}""");
		long seedMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(seeded.statusCode()).isEqualTo(200);
		assertThat(json(seeded).get("created").asInt()).isEqualTo(10_000);
		assertThat(json(seeded).get("last").asText()).isEqualTo("svc_bench_10000");
		assertThat(seedMillis).as("seeding 10,000 accounts took %d ms", seedMillis).isLessThan(30_000);
		// Seeding is not something the product did.
		assertThat(simulator.successfulInserts("sys_user")).isZero();

		List<AccountState> all = new ArrayList<>();
		int calls = 0;
		AccountPage page;
		do {
			page = client.groupMembersPage(SERVICE_ACCOUNTS, all.size(), 1000);
			calls++;
			all.addAll(page.accounts());
		}
		while (page.more());

		// Ten full pages, then an empty one that ends the sweep.
		assertThat(calls).isEqualTo(11);
		assertThat(all).hasSize(10_000);
		assertThat(all.stream().map(state -> state.account().userName()).distinct()).hasSize(10_000);
		AccountState first = all.stream()
			.filter(state -> state.account().userName().equals("svc_bench_00001"))
			.findFirst()
			.orElseThrow();
		assertThat(first.manager().map(ServiceNowUser::userName)).contains("bob");
		assertThat(first.managerGone()).isFalse();
		assertThat(first.account().identityType()).isEqualTo("machine");
		assertThat(first.account().webServiceAccessOnly()).isTrue();
		assertThat(first.account().lastLoginTime()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(first.account().createdOn()).isLessThan(first.account().lastLoginTime());
		assertThat(simulator.requestLog()).allSatisfy(entry -> assertThat(entry.warnings()).isEmpty());
	}

	@Test
	void pagesFollowTheOrderAskedForAndTheOffset() throws Exception {
		call("POST", "/seed-accounts", "{\"count\":5,\"prefix\":\"svc_page_\",\"owner\":\"bob\"}");

		JsonNode ascending = result(call("GET", "/api/now/v2/table/sys_user?sysparm_fields=sys_id&sysparm_query="
				+ encode("user_nameSTARTSWITHsvc_page_^ORDERBYsys_id"), null));
		JsonNode descending = result(call("GET", "/api/now/v2/table/sys_user?sysparm_fields=sys_id&sysparm_query="
				+ encode("user_nameSTARTSWITHsvc_page_^ORDERBYDESCsys_id"), null));
		JsonNode second = result(
				call("GET", "/api/now/v2/table/sys_user?sysparm_fields=sys_id&sysparm_limit=2&sysparm_offset=2"
						+ "&sysparm_query=" + encode("user_nameSTARTSWITHsvc_page_^ORDERBYsys_id"), null));

		List<String> ids = sysIds(ascending);
		assertThat(ids).hasSize(5).isSorted();
		List<String> reversed = new ArrayList<>(ids);
		Collections.reverse(reversed);
		assertThat(sysIds(descending)).containsExactlyElementsOf(reversed);
		assertThat(sysIds(second)).containsExactly(ids.get(2), ids.get(3));
	}

	@Test
	void dotWalksGoTwoReferencesDeepInFieldsAndInQueries() throws Exception {
		call("POST", "/seed-accounts", "{\"count\":2,\"prefix\":\"svc_walk_\",\"owner\":\"bob\","
				+ "\"group\":\"ServiceNow Service Accounts\"}");
		call("PATCH", "/api/now/v2/table/sys_user/" + BOB, "{\"active\":\"false\"}");

		JsonNode rows = result(call("GET",
				"/api/now/v2/table/sys_user_grmember?sysparm_fields="
						+ encode("user.user_name,user.manager.user_name,user.manager.active") + "&sysparm_query="
						+ encode("user.manager.user_name=bob^user.active=true"),
				null));

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("user.user_name").asText()).startsWith("svc_walk_");
		assertThat(rows.get(0).get("user.manager.user_name").asText()).isEqualTo("bob");
		assertThat(rows.get(0).get("user.manager.active").asText()).isEqualTo("false");
	}

	@Test
	void aManagerReferenceToAGoneRecordReadsAsGone() throws Exception {
		call("POST", "/seed-accounts", "{\"count\":1,\"prefix\":\"svc_orphan_\",\"owner\":\"bob\","
				+ "\"group\":\"ServiceNow Service Accounts\"}");
		String account = SeedData.stableId("sys_user", "svc_orphan_00001");
		// An instance keeps a reference it cannot resolve, as when the owner's record
		// went without the
		// reference being cleared.
		call("PATCH", "/api/now/v2/table/sys_user/" + account, "{\"manager\":\"0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d\"}");

		AccountState state = client.groupMembersPage(SERVICE_ACCOUNTS, 0, 10).accounts().get(0);

		assertThat(state.managerGone()).isTrue();
		assertThat(state.manager()).isEmpty();
	}

	@Test
	void identityTypeIsThereAndChoosingMachineMakesTheAccountWebServiceOnly() throws Exception {
		String alice = SeedData.id("sys_user", "alice");

		assertThat(client.hasIdentityType()).isTrue();
		assertThat(client.findUserBySysId(alice).orElseThrow().identityType()).isEqualTo("human");

		JsonNode patched = json(call("PATCH", "/api/now/v2/table/sys_user/" + alice, "{\"identity_type\":\"machine\"}"))
			.get("result");
		assertThat(patched.get("identity_type").asText()).isEqualTo("machine");
		assertThat(patched.get("web_service_access_only").asText()).isEqualTo("true");

		AccountPage machines = client.machineIdentitiesPage(0, 10);
		assertThat(machines.accounts()).extracting(state -> state.account().userName()).containsExactly("alice");
		assertThat(machines.accounts().get(0).manager().map(ServiceNowUser::userName)).contains("bob");
	}

	@Test
	void aNewUserCarriesItsCreationTime() throws Exception {
		JsonNode created = json(call("POST", "/api/now/v2/table/sys_user", "{\"user_name\":\"svc_new\"}"))
			.get("result");

		assertThat(created.get("sys_created_on").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(client.findUserByUserName("svc_new").orElseThrow().createdOn())
			.isEqualTo(created.get("sys_created_on").asText());
	}

	@Test
	void removingAMembershipTakesTheRolesItGaveAndRemovingItAgainIsHarmless() throws Exception {
		call("POST", "/seed-accounts",
				"{\"count\":1,\"prefix\":\"svc_rm_\",\"owner\":\"bob\",\"group\":\"ServiceNow Service Accounts\"}");
		String account = SeedData.stableId("sys_user", "svc_rm_00001");
		VerifiedServiceAccount verified = client.verifyServiceAccount(account, "svc_rm_00001", "bob");
		List<UserGroupMembership> memberships = client.findMemberships(account);
		assertThat(memberships).extracting(UserGroupMembership::groupName)
			.containsExactly(SeedData.SERVICE_ACCOUNTS_GROUP);
		assertThat(client.findUserRoles(account).roles()).hasSize(2);

		client.removeMembership(verified, memberships.get(0));
		client.removeMembership(verified, memberships.get(0));

		assertThat(client.findMemberships(account)).isEmpty();
		assertThat(client.findUserRoles(account).roles()).isEmpty();
		assertThat(simulator.requestLog().stream().filter(entry -> entry.method().equals("DELETE")))
			.extracting(RequestLogEntry::status)
			.containsExactly(204, 404);
	}

	@Test
	void aDeleteThatCommitsButAnswersAnErrorIsSeenAsInDoubtAndTheRepeatFindsItGone() throws Exception {
		call("POST", "/seed-accounts",
				"{\"count\":1,\"prefix\":\"svc_fault_\",\"owner\":\"bob\",\"group\":\"ServiceNow Service Accounts\"}");
		String account = SeedData.stableId("sys_user", "svc_fault_00001");
		VerifiedServiceAccount verified = client.verifyServiceAccount(account, "svc_fault_00001", "bob");
		UserGroupMembership membership = client.findMemberships(account).get(0);
		simulator.faults().failNext(1, Fault.COMMIT_THEN_FAIL, "DELETE", "sys_user_grmember");

		assertThatExceptionOfType(ServiceNowTransientException.class)
			.isThrownBy(() -> client.removeMembership(verified, membership))
			.satisfies(ex -> assertThat(ex.getWriteInDoubtUntil()).isPresent());
		assertThat(simulator.findRecord("sys_user_grmember", "user", account)).isEmpty();

		client.removeMembership(verified, membership);
	}

	@Test
	void anOwnerLeavingIsTheTableApiAsOnAnInstance() throws Exception {
		call("POST", "/seed-accounts",
				"{\"count\":1,\"prefix\":\"svc_left_\",\"owner\":\"bob\",\"group\":\"ServiceNow Service Accounts\"}");

		assertThat(call("PATCH", "/api/now/v2/table/sys_user/" + BOB, "{\"active\":\"false\"}").statusCode())
			.isEqualTo(200);
		assertThat(client.groupMembersPage(SERVICE_ACCOUNTS, 0, 10).accounts().get(0).manager().orElseThrow().active())
			.isFalse();

		assertThat(call("DELETE", "/api/now/v2/table/sys_user/" + BOB, null).statusCode()).isEqualTo(204);
		AccountState after = client.groupMembersPage(SERVICE_ACCOUNTS, 0, 10).accounts().get(0);
		// The simulator clears references to a deleted user, as the default cascade rule
		// does.
		assertThat(after.manager()).isEmpty();
		assertThat(after.account().managerSysId()).isNull();
	}

	@Test
	void seedingTwiceChangesNothingAndBadSeedsAreRefused() throws Exception {
		String body = "{\"count\":3,\"prefix\":\"svc_twice_\",\"owner\":\"bob\"}";
		call("POST", "/seed-accounts", body);
		HttpResponse<String> again = call("POST", "/seed-accounts", body);

		assertThat(json(again).get("created").asInt()).isZero();
		assertThat(json(again).get("skipped").asInt()).isEqualTo(3);
		assertThat(
				call("POST", "/seed-accounts", "{\"count\":1,\"prefix\":\"svc_x_\",\"owner\":\"nobody\"}").statusCode())
			.isEqualTo(400);
		assertThat(call("POST", "/seed-accounts", "{\"count\":0,\"prefix\":\"svc_x_\"}").statusCode()).isEqualTo(400);
		assertThat(call("POST", "/seed-accounts", "{\"count\":1,\"prefix\":\"x^NQ\"}").statusCode()).isEqualTo(400);
		assertThat(send("POST", "/seed-accounts", body, null).statusCode()).isEqualTo(401);
	}

	private static List<String> sysIds(JsonNode rows) {
		List<String> ids = new ArrayList<>();
		rows.forEach(row -> ids.add(row.get("sys_id").asText()));
		return ids;
	}

	private JsonNode result(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("result");
	}

	private JsonNode json(HttpResponse<String> response) throws IOException {
		return mapper.readTree(response.body());
	}

	private HttpResponse<String> call(String method, String path, String body)
			throws IOException, InterruptedException {
		return send(method, path, body, INTEGRATION);
	}

	private HttpResponse<String> send(String method, String path, String body, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + ServiceNowSimulator.PATH_PREFIX + path))
			.header("Accept", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
