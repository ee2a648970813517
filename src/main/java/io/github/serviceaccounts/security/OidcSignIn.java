package io.github.serviceaccounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
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
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.ui.DefaultLogoutPageGeneratingFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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
 * no headers of its own and checks its CSRF token only at {@code POST /logout} (the web
 * apps check theirs). Camunda's own password login is closed.
 * <p>
 * Signing out: {@code GET /logout} only asks (a page whose form posts to it with the
 * token), so that a link on another site cannot sign anyone out; {@code POST /logout}
 * ends the session here and, where the provider supports it, the provider's session
 * (RP-initiated logout), then comes back to sign in again. Tasklist's (and Cockpit's,
 * Admin's) own sign-out button ends the session here at once and the provider's when the
 * browser next opens a web app page: the sign-in plugin takes it there instead of
 * Camunda's login form, which does not work here. How long a session lasts is
 * {@code server.servlet.session.timeout}.
 */
@Configuration
@ConditionalOnProperty(name = "serviceaccounts.identity.mode", havingValue = "oidc")
class OidcSignIn {

	private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

	static final String GROUP = "CAMUNDA_GROUP_";

	/** A browser asking for a page: GET, HTML named in Accept. */
	static final RequestMatcher PAGE = page();

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
		ProviderSignOut providerSignOut = new ProviderSignOut(registrations, webApps + "/app/");
		LoginUrlAuthenticationEntryPoint signInAtProvider = new LoginUrlAuthenticationEntryPoint(
				"/oauth2/authorization/" + registrationId);
		// Back from the provider at the page first asked for, as it was: without Spring's
		// "?continue", which would make the web apps' links differ from their bookmarks;
		// and a page it is, never a font or an API call that a page made meanwhile.
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		requestCache.setRequestMatcher(PAGE);
		DefaultLogoutPageGeneratingFilter logoutPage = new DefaultLogoutPageGeneratingFilter();
		logoutPage.setResolveHiddenInputs(OidcSignIn::csrfToken);
		// Path matchers, not Spring MVC's: the web apps' APIs are servlets of their own.
		http.securityMatcher(new OrRequestMatcher(antMatcher(webApps + "/**"), antMatcher("/oauth2/**"),
				antMatcher("/login/oauth2/**"), antMatcher("/logout")))
			// The web apps check their own CSRF token (X-XSRF-TOKEN), also at Tasklist's
			// sign-out call; Spring's token guards only the sign-out page's form, so that
			// no other site can sign anyone out.
			.csrf(csrf -> csrf.requireCsrfProtectionMatcher(antMatcher(HttpMethod.POST, "/logout")))
			.headers(headers -> headers.disable())
			.requestCache(cache -> cache.requestCache(requestCache))
			.addFilterAfter(logoutPage, CsrfFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(antMatcher(HttpMethod.POST, webApps + "/api/admin/auth/user/*/login/**"))
				.denyAll()
				// the web apps' own files, the same for everyone
				.requestMatchers(antMatcher(HttpMethod.GET, webApps + "/assets/**"),
						antMatcher(HttpMethod.GET, webApps + "/lib/**"),
						antMatcher(HttpMethod.GET, webApps + "/favicon.ico"))
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(
						(request, response, failure) -> notSignedIn(request, response, webApps),
						antMatcher(webApps + "/api/**"))
				.defaultAuthenticationEntryPointFor((request, response, failure) -> {
					if (!providerSignOut.continuePending(request, response)) {
						signInAtProvider.commence(request, response, failure);
					}
				}, AnyRequestMatcher.INSTANCE))
			.oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(mapped(claims)))
				.failureHandler(OidcSignIn::refuse))
			.logout(logout -> logout
				.logoutRequestMatcher(new OrRequestMatcher(antMatcher(HttpMethod.POST, "/logout"),
						antMatcher(HttpMethod.POST, webApps + "/api/admin/auth/user/*/logout")))
				.logoutSuccessHandler((request, response, authentication) -> {
					if (request.getRequestURI().startsWith(request.getContextPath() + webApps + "/api/")) {
						// Tasklist's own sign-out button, a background call: the session
						// here has ended; the provider's session ends when the browser
						// next opens a web app page (the sign-in plugin sends it there).
						providerSignOut.makePending(request, response, authentication);
						response.setStatus(HttpServletResponse.SC_NO_CONTENT);
						return;
					}
					providerSignOut.onLogoutSuccess(request, response, authentication);
				}));
		return http.build();
	}

	/**
	 * The web apps' APIs without a session: 401, and where to sign in, which the sign-in
	 * plugin reads ({@code plugin-webapp/signInAtProvider}).
	 */
	private static void notSignedIn(HttpServletRequest request, HttpServletResponse response, String webApps)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setContentType("application/json");
		response.getWriter()
			.write("{\"type\":\"AuthenticationException\",\"message\":\"Not signed in: open a web app to sign in "
					+ "at the identity provider\",\"signIn\":\"" + request.getContextPath() + webApps + "/app/\"}");
	}

	private static RequestMatcher page() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return new AndRequestMatcher(antMatcher(HttpMethod.GET, "/**"), html);
	}

	private static Map<String, String> csrfToken(HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		return token == null ? Map.of() : Map.of(token.getParameterName(), token.getToken());
	}

	/**
	 * RP-initiated logout: the provider's end-session endpoint (where it has one) with
	 * the ID token as hint, coming back to the web apps, which send the browser to sign
	 * in again. After Tasklist's sign-out button, whose call cannot take the browser
	 * anywhere, the way there waits in a fresh session that holds nothing else.
	 */
	static final class ProviderSignOut extends OidcClientInitiatedLogoutSuccessHandler {

		static final String PENDING = ProviderSignOut.class.getName() + ".PENDING";

		ProviderSignOut(ClientRegistrationRepository registrations, String webApps) {
			super(registrations);
			setPostLogoutRedirectUri("{baseUrl}" + webApps);
			setDefaultTargetUrl(webApps);
		}

		void makePending(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
			request.getSession(true).setAttribute(PENDING, determineTargetUrl(request, response, authentication));
		}

		/**
		 * Sends the browser to the provider's sign-out, if one is pending and it asks for
		 * a page (not a file that the last page still loads).
		 */
		boolean continuePending(HttpServletRequest request, HttpServletResponse response) throws IOException {
			HttpSession session = PAGE.matches(request) ? request.getSession(false) : null;
			Object pending = session == null ? null : session.getAttribute(PENDING);
			if (!(pending instanceof String url)) {
				return false;
			}
			session.invalidate();
			getRedirectStrategy().sendRedirect(request, response, url);
			return true;
		}

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
