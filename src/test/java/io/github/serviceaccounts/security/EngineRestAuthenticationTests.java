package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The engine REST API's door without an engine behind it: what is refused before anyone
 * is looked up.
 */
class EngineRestAuthenticationTests {

	static final JwtDecoder REFUSES_ALL = token -> {
		throw new BadJwtException("Signed JWT rejected: Invalid signature");
	};

	final IdentityClaims claims = new IdentityClaims(
			new IdentityProperties(IdentityProperties.Mode.CAMUNDA, "preferred_username", "groups", Map.of(), true),
			Set.of("service-account-requesters"), Pattern.compile("[a-zA-Z0-9]+([._@-][a-zA-Z0-9]+)*"));

	@Test
	void basicCredentialsAreRefusedWhenSwitchedOff() throws Exception {
		MockHttpServletResponse response = call(
				new EngineRestAuthentication(new BearerTokens(REFUSES_ALL, claims), false),
				"Basic " + Base64.getEncoder().encodeToString("alice:demo".getBytes()));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(response.getContentAsString()).contains("Send a bearer token of the configured issuer")
			.contains("basic credentials are switched off here");
	}

	@Test
	void bearerTokensAreRefusedWhenNoIssuerIsConfigured() throws Exception {
		MockHttpServletResponse response = call(new EngineRestAuthentication(null, true), "Bearer abc.def.ghi");

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).contains("no issuer is configured").doesNotContain("abc.def.ghi");
	}

	@Test
	void aTokenTheDecoderRefusesIsNotValid() throws Exception {
		MockHttpServletResponse response = call(
				new EngineRestAuthentication(new BearerTokens(REFUSES_ALL, claims), true), "bearer abc.def.ghi");

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(response.getContentAsString()).contains("The bearer token is not valid").doesNotContain("abc.def");
	}

	@Test
	void groupsOfTheProviderCountWhenMappedOrNamedAsTheApplicationsGroups() {
		assertThat(claims
			.identify(Map.of("preferred_username", "abel.tuter", "groups",
					List.of("service-account-requesters", "elsewhere")))
			.groupIds()).containsExactly("service-account-requesters");
	}

	static MockHttpServletResponse call(EngineRestAuthentication filter, String authorization) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/process-instance");
		request.setServletPath("/engine-rest");
		request.addHeader("Authorization", authorization);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("passed on").isNull();
		return response;
	}

}
