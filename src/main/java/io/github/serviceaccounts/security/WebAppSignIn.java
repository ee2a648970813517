package io.github.serviceaccounts.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Camunda's container-based authentication, fed by Spring Security: the person signed in
 * at the OpenID provider is the web apps' user, with the groups {@link OidcSignIn}
 * mapped. Camunda's own filter would look the user up in its identity service and give up
 * when there is no record; here the user id and groups are taken as they are, and the web
 * apps the person may open are read from the group-based grants.
 */
class WebAppSignIn extends ContainerBasedAuthenticationFilter {

	@Override
	public void init(FilterConfig filterConfig) {
		this.authenticationProvider = new SignedInPerson();
	}

	@Override
	protected UserAuthentication createAuthentication(ProcessEngine engine, String userId, List<String> groupIds,
			List<String> tenantIds) {
		engine.getIdentityService().clearAuthentication();
		AuthorizationService authorizations = engine.getAuthorizationService();
		Set<String> apps = new HashSet<>();
		apps.add(AuthenticationUtil.APP_WELCOME);
		for (String app : AuthenticationUtil.APPS) {
			if (authorizations.isUserAuthorized(userId, groupIds, Permissions.ACCESS, Resources.APPLICATION, app)) {
				apps.add(app);
			}
		}
		UserAuthentication authentication = new UserAuthentication(userId, engine.getName());
		authentication.setGroupIds(groupIds);
		authentication.setTenantIds(tenantIds);
		authentication.setAuthorizedApps(apps);
		return authentication;
	}

	/** Reads the person Spring Security has signed in for this request. */
	static final class SignedInPerson implements AuthenticationProvider {

		@Override
		public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (!(authentication instanceof OAuth2AuthenticationToken) || !authentication.isAuthenticated()) {
				return AuthenticationResult.unsuccessful();
			}
			List<String> groups = new ArrayList<>();
			for (GrantedAuthority authority : authentication.getAuthorities()) {
				if (authority.getAuthority().startsWith(OidcSignIn.GROUP)) {
					groups.add(authority.getAuthority().substring(OidcSignIn.GROUP.length()));
				}
			}
			AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
			result.setGroups(groups);
			result.setTenants(List.of());
			return result;
		}

		@Override
		public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
			// Spring Security has already sent the browser to the provider.
		}

	}

}
