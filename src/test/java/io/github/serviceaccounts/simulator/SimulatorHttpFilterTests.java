package io.github.serviceaccounts.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet front door without a server: what it answers itself and what it leaves to
 * the application.
 */
class SimulatorHttpFilterTests {

	private final ServiceNowSimulator simulator = ServiceNowSimulator.create("integration", null, Clock.systemUTC());

	private final Credentials credentials = new Credentials("integration", "integration");

	@Test
	void configuredInstanceUrlStartsEveryLink() throws Exception {
		SimulatorHttpFilter filter = filter("https://dev12345.service-now.example/");
		MockHttpServletRequest request = authenticated(
				new MockHttpServletRequest("GET", "/servicenow-simulator/api/now/v2/table/sys_user"));
		request.setQueryString("sysparm_query=user_name%3Dalice&sysparm_fields=manager");
		MockHttpServletResponse response = new MockHttpServletResponse();

		filter.doFilter(request, response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString())
			.contains("\"link\":\"https://dev12345.service-now.example/api/now/table/sys_user/"
					+ SeedData.id("sys_user", "bob") + "\"");
	}

	@Test
	void onlyQueriesThatMayCompareASecretAreMasked() {
		for (String query : List.of("sysparm_query=user_password=Secret-1",
				"sysparm_query=active=true^PASSWORDLIKESecret", "client_secret=abc&grant_type=client_credentials",
				"sysparm_query=user_password!=x", "sysparm_query=passwordINa,b", "sysparm_query=passwordSTARTSWITHa",
				"sysparm_query=passwordENDSWITHa")) {
			assertThat(SimulatorHttpFilter.mayCompareASecret(query)).as(query).isTrue();
		}
		for (String query : List.of("", "sysparm_fields=sys_id,user_name,password_needs_reset,last_login_time",
				"sysparm_query=user_name=svc_password_sync_team", "sysparm_limit=2")) {
			assertThat(SimulatorHttpFilter.mayCompareASecret(query)).as(query).isFalse();
		}
	}

	@Test
	void nobodyButThisMachineReachesTheSimulatorEvenWithTheRightCredentials() throws Exception {
		for (String address : List.of("10.1.2.3", "192.168.0.7", "172.17.0.1", "203.0.113.9", "fe80::1",
				"::ffff:10.0.0.1")) {
			MockHttpServletRequest request = authenticated(
					new MockHttpServletRequest("PUT", "/servicenow-simulator/faults"));
			request.setRemoteAddr(address);
			request.setContent("{\"latencyMillis\": 1}".getBytes(StandardCharsets.UTF_8));
			MockHttpServletResponse response = new MockHttpServletResponse();

			filter(null).doFilter(request, response, new MockFilterChain());

			assertThat(response.getStatus()).as(address).isEqualTo(403);

			MockHttpServletRequest page = new MockHttpServletRequest("GET", "/servicenow-simulator/$restapi.do");
			page.setRemoteAddr(address);
			MockHttpServletResponse pageResponse = new MockHttpServletResponse();

			filter(null).doFilter(page, pageResponse, new MockFilterChain());

			assertThat(pageResponse.getStatus()).as("explorer page from " + address).isEqualTo(403);
		}
		for (String address : List.of("127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1")) {
			MockHttpServletRequest request = authenticated(
					new MockHttpServletRequest("GET", "/servicenow-simulator/api/now/v2/table/sys_user"));
			request.setRemoteAddr(address);
			MockHttpServletResponse response = new MockHttpServletResponse();

			filter(null).doFilter(request, response, new MockFilterChain());

			assertThat(response.getStatus()).as(address).isEqualTo(200);
		}
	}

	@Test
	void pathsOutsideThePrefixGoOnToTheApplication() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/servicenow-simulatorx/state");
		MockFilterChain chain = new MockFilterChain();

		filter(null).doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void unknownPathUnderThePrefixIsABadRequestLikeOnAnInstance() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		filter(null).doFilter(
				authenticated(new MockHttpServletRequest("GET", "/servicenow-simulator/api/now/tablex/sys_user")),
				response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("Requested URI does not represent any resource");
	}

	@Test
	void aKeptSessionCookieIsReported() throws Exception {
		MockHttpServletRequest request = authenticated(
				new MockHttpServletRequest("GET", "/servicenow-simulator/api/now/v2/table/sys_user_role"));
		request.addHeader("Cookie", "glide_session_store=abc");

		filter(null).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

		assertThat(simulator.requestLog()).singleElement()
			.satisfies(entry -> assertThat(entry.warnings()).anyMatch(warning -> warning.contains("keep no cookies")));
	}

	private SimulatorHttpFilter filter(String instanceUrl) {
		OAuthTokens tokens = new OAuthTokens(credentials, "client", "secret", Duration.ofMinutes(30),
				Clock.systemUTC());
		return new SimulatorHttpFilter(simulator, credentials, tokens, instanceUrl, Clock.systemUTC());
	}

	private static MockHttpServletRequest authenticated(MockHttpServletRequest request) {
		request.addHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString("integration:integration".getBytes(StandardCharsets.UTF_8)));
		return request;
	}

}
