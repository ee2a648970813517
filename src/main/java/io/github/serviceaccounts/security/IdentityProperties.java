package io.github.serviceaccounts.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where people's identities come from ({@code serviceaccounts.identity.*}).
 *
 * @param mode {@code camunda}: Camunda's own users and login form (the local default);
 * {@code oidc}: people sign in at the OpenID provider named in
 * {@code spring.security.oauth2.client.*}
 * @param userIdClaim the claim whose value is the Camunda user id; it must be the
 * person's ServiceNow {@code user_name}
 * @param groupsClaim the claim that lists the person's groups at the provider
 * @param groupMapping the provider's group names (keys; in brackets when they hold
 * characters other than letters, digits and '-') to the Camunda groups the access rules
 * name; unset, a provider group counts only when it has the Camunda group's own name
 * @param restBasicAuth whether the engine REST API still accepts HTTP basic credentials
 * of Camunda users (beside bearer tokens, when an issuer is configured)
 */
@ConfigurationProperties("serviceaccounts.identity")
record IdentityProperties(@DefaultValue("camunda") Mode mode, @DefaultValue("preferred_username") String userIdClaim,
		@DefaultValue("groups") String groupsClaim, Map<String, String> groupMapping,
		@DefaultValue("true") boolean restBasicAuth) {

	enum Mode {

		CAMUNDA, OIDC

	}

	IdentityProperties {
		groupMapping = groupMapping == null ? Map.of() : Map.copyOf(groupMapping);
	}

}
