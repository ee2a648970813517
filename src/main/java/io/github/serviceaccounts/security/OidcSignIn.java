package io.github.serviceaccounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

/**
 * Sign-in to Tasklist, Cockpit and Admin at an OpenID provider
 * ({@code serviceaccounts.identity.mode=oidc}): the authorization-code flow with PKCE,
 * done by Spring Security's OAuth2 client with the standard
 * {@code spring.security.oauth2.client.registration.*} and {@code provider.*} settings.
 * The provider's claims become a Camunda user id and groups ({@link IdentityClaims}),
 * which Camunda's container-based authentication ({@link WebAppSignIn}) hands to the web
 * apps; no Camunda user is created, the group-based grants apply as they are.
 * <p>
 * Spring Security sees only the web apps and its own sign-in and sign-out paths; it adds
 * no CSRF check or headers of its own (the web apps have theirs). Camunda's own password
 * login is closed. {@code /logout} ends the session here and, where the provider supports
 * it, the provider's session (RP-initiated logout). How long a session lasts is
 * {@code server.servlet.session.timeout}.
 */
@Configuration
@ConditionalOnProperty(name = "serviceaccounts.identity.mode", havingValue = "oidc")
class OidcSignIn {

	private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

	static final String GROUP = "CAMUNDA_GROUP_";

	/** The paths Spring Security sees (its filter is registered for these only). */
	static final List<String> PATHS = List.of("/camunda/*", "/oauth2/*", "/login/oauth2/*", "/logout");

	@Bean
	SecurityFilterChain webAppSignIn(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> configured,
			IdentityClaims claims, CamundaBpmProperties camunda) throws Exception {
		ClientRegistrationRepository registrations = configured.getIfAvailable();
		String registrationId = onlyRegistration(registrations);
		String webApps = camunda.getWebapp().getApplicationPath();
		DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				"/oauth2/authorization");
		pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler providerLogout = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		providerLogout.setPostLogoutRedirectUri("{baseUrl}" + webApps + "/app/");
		// Path matchers, not Spring MVC's: the web apps' APIs are servlets of their own.
		http.securityMatcher(new OrRequestMatcher(antMatcher(webApps + "/**"), antMatcher("/oauth2/**"),
				antMatcher("/login/oauth2/**"), antMatcher("/logout")))
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.disable())
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(antMatcher(HttpMethod.POST, webApps + "/api/admin/auth/user/*/login/**"))
				.denyAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						antMatcher(webApps + "/api/**"))
				.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + registrationId),
						AnyRequestMatcher.INSTANCE))
			.oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(mapped(claims)))
				.failureHandler(OidcSignIn::refuse))
			.logout(logout -> logout
				.logoutRequestMatcher(new OrRequestMatcher(antMatcher("/logout"),
						antMatcher(HttpMethod.POST, webApps + "/api/admin/auth/user/*/logout")))
				.logoutSuccessHandler((request, response, authentication) -> {
					if (request.getRequestURI().startsWith(request.getContextPath() + webApps + "/api/")) {
						// Tasklist's own sign-out button (a background call): the session
						// here
						// ends; the provider's session ends only at /logout, a page the
						// browser opens.
						response.setStatus(HttpServletResponse.SC_NO_CONTENT);
						return;
					}
					providerLogout.onLogoutSuccess(request, response, authentication);
				}));
		return http.build();
	}

	@Bean
	FilterRegistrationBean<WebAppSignIn> webAppContainerAuthentication(CamundaBpmProperties camunda) {
		// Camunda's own authentication cache reads a user's groups again from its
		// identity service, which knows nothing of people signed in at the provider.
		camunda.getWebapp().getAuth().getCache().setTtlEnabled(false);
		FilterRegistrationBean<WebAppSignIn> registration = new FilterRegistrationBean<>(new WebAppSignIn());
		registration.setName("web-app-sign-in");
		registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/*");
		registration.setOrder(SignIn.SPRING_SECURITY_ORDER + 1);
		return registration;
	}

	private static String onlyRegistration(ClientRegistrationRepository registrations) {
		if (registrations instanceof InMemoryClientRegistrationRepository all) {
			List<String> ids = new java.util.ArrayList<>();
			for (ClientRegistration registration : all) {
				ids.add(registration.getRegistrationId());
			}
			if (ids.size() == 1) {
				return ids.get(0);
			}
			throw new IllegalStateException("serviceaccounts.identity.mode=oidc needs exactly one "
					+ "spring.security.oauth2.client.registration.<id>; there are " + ids.size() + ": " + ids);
		}
		throw new IllegalStateException(
				"serviceaccounts.identity.mode=oidc needs one spring.security.oauth2.client.registration.<id>");
	}

	/** The provider's user, with the Camunda user id as name and the mapped groups. */
	static OAuth2UserService<OidcUserRequest, OidcUser> mapped(IdentityClaims claims) {
		OidcUserService provider = new OidcUserService();
		return request -> {
			OidcUser user = provider.loadUser(request);
			IdentityClaims.Identity identity;
			try {
				identity = claims.identify(user.getClaims());
			}
			catch (IdentityClaims.Refused ex) {
				throw new OAuth2AuthenticationException(
						new OAuth2Error(ex.status() == 403 ? "access_denied" : "invalid_user", ex.getMessage(), null),
						ex.getMessage());
			}
			List<GrantedAuthority> groups = identity.groupIds()
				.stream()
				.<GrantedAuthority>map(group -> new SimpleGrantedAuthority(GROUP + group))
				.toList();
			return new DefaultOidcUser(groups, user.getIdToken(), user.getUserInfo(), claims.userIdClaim());
		};
	}

	/**
	 * A refused sign-in: the reason in words, as plain text, and no session; one log
	 * line, never a token.
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError() : null;
		int status = error != null && "access_denied".equals(error.getErrorCode()) ? 403 : 401;
		String message = error != null
				&& ("access_denied".equals(error.getErrorCode()) || "invalid_user".equals(error.getErrorCode()))
						? error.getDescription()
						: "Sign-in at the provider failed (" + (error == null ? "no answer" : error.getErrorCode())
								+ "); try again, or ask the administrators if it keeps failing";
		log.warn("Web app sign-in refused ({}): {}", status, message);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		response.setStatus(status);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
	}

}
