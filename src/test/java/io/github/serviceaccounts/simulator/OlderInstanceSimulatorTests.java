package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.serviceaccounts.servicenow.ServiceNowClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An instance from before identity types ({@code identity-type-field=false}): the field
 * is not returned, a condition on it is dropped (the match widens, as on a real instance)
 * and a write to it is ignored; the product's client notices and never asks.
 */
@SpringBootTest(classes = ServiceNowSimulatorHttpTests.SimulatorOnlyApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "servicenow-simulator.state-file=", "servicenow-simulator.oauth-client-secret=simulator-secret",
				"servicenow-simulator.identity-type-field=false" })
class OlderInstanceSimulatorTests {

	static final String ALICE = SeedData.id("sys_user", "alice");

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
		client = LifecycleSimulatorTests.client(port);
	}

	@Test
	void theFieldIsNotReturnedEvenWhenAskedFor() throws Exception {
		JsonNode all = json(call("GET", "/api/now/v2/table/sys_user/" + ALICE, null)).get("result");
		JsonNode asked = json(
				call("GET", "/api/now/v2/table/sys_user/" + ALICE + "?sysparm_fields=sys_id,identity_type", null))
			.get("result");

		assertThat(all.has("identity_type")).isFalse();
		assertThat(all.has("user_name")).isTrue();
		assertThat(asked.has("identity_type")).isFalse();
		assertThat(asked.has("sys_id")).isTrue();
		assertThat(client.hasIdentityType()).isFalse();
		assertThat(client.findUserBySysId(ALICE).orElseThrow().identityType()).isNull();
	}

	@Test
	void aConditionOnTheFieldIsDroppedSoTheMatchWidens() throws Exception {
		JsonNode machines = json(call("GET",
				"/api/now/v2/table/sys_user?sysparm_fields=user_name&sysparm_query=" + encode("identity_type=machine"),
				null))
			.get("result");

		assertThat(machines.size()).isEqualTo(simulator.records("sys_user").size());
		assertThat(simulator.requestLog().get(simulator.requestLog().size() - 1).warnings())
			.anySatisfy(warning -> assertThat(warning).contains("unknown field 'identity_type'"));
	}

	@Test
	void aWriteToTheFieldIsIgnored() throws Exception {
		HttpResponse<String> patched = call("PATCH", "/api/now/v2/table/sys_user/" + ALICE,
				"{\"identity_type\":\"machine\"}");

		assertThat(patched.statusCode()).isEqualTo(200);
		assertThat(json(patched).get("result").has("identity_type")).isFalse();
		assertThat(json(patched).at("/result/web_service_access_only").asText()).isEqualTo("false");
	}

	@Test
	void theClientNeverListsMachineIdentitiesAndPagesMembersWithoutTheField() throws Exception {
		call("POST", "/seed-accounts",
				"{\"count\":3,\"prefix\":\"svc_old_\",\"owner\":\"bob\",\"group\":\"ServiceNow Service Accounts\"}");

		assertThatIllegalStateException().isThrownBy(() -> client.machineIdentitiesPage(0, 10));
		var page = client.groupMembersPage(LifecycleSimulatorTests.SERVICE_ACCOUNTS, 0, 10);

		assertThat(page.accounts()).hasSize(3).allSatisfy(state -> {
			assertThat(state.account().identityType()).isNull();
			assertThat(state.manager()).isPresent();
		});
		assertThat(simulator.requestLog())
			.noneSatisfy(entry -> assertThat(entry.query()).contains("identity_type=machine"));
		assertThat(simulator.requestLog()).allSatisfy(
				entry -> assertThat(entry.query() == null ? "" : entry.query()).doesNotContain("user.identity_type"));
	}

	private JsonNode json(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return mapper.readTree(response.body());
	}

	private HttpResponse<String> call(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + ServiceNowSimulator.PATH_PREFIX + path))
			.header("Accept", "application/json")
			.header("Authorization", LifecycleSimulatorTests.INTEGRATION)
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
