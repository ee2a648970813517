package io.github.serviceaccounts.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID provider for the tests: Spring Authorization Server on a random port of
 * this JVM, started once and shared, with its discovery document, keys, login form and
 * authorization-code flow. Its people are alice, bob and carol (as in ServiceNow's demo
 * data), dave (in no group the application knows) and admin; each has a
 * client-credentials client of their own ({@code <name>-cli}) whose tokens carry that
 * person's user id and groups, so that tests get tokens the provider really issued. A few
 * more ({@link #ODD_PEOPLE}) sign in to get claims the application must refuse.
 * {@link SignInDemo} starts one on its own. Tokens are meant for the audience
 * {@link #AUDIENCE}.
 */
final class TestOpenIdProvider {

	static final String AUDIENCE = "serviceaccounts";

	static final String SECRET = "test-client-secret";

	static final String APP_CLIENT = "serviceaccounts-app";

	static final String PASSWORD = "provider-password";

	/** The provider's groups of each person (the application maps them). */
	static final Map<String, List<String>> PEOPLE = Map.of("alice", List.of("/org/staff", "newsletter"), "bob",
			List.of("/org/staff"), "carol", List.of("/org/staff", "it-approvers"), "dave", List.of("marketing"),
			"admin", List.of("platform-admins"));

	/**
	 * People whose tokens the provider issues with claims the application must refuse
	 * (keyed by the name they sign in with; in {@code /org/staff} otherwise).
	 */
	static final Map<String, Consumer<Map<String, Object>>> ODD_PEOPLE = Map.of("nameless",
			claims -> claims.remove("preferred_username"), "blank", claims -> claims.put("preferred_username", " "),
			"caret", claims -> claims.put("preferred_username", "alice^ORDERBYname"), "comma",
			claims -> claims.put("preferred_username", "alice,bob"), "spaced",
			claims -> claims.put("preferred_username", "alice bob"), "scripted",
			claims -> claims.put("preferred_username", "javascript:alert(1)"), "ungrouped",
			claims -> claims.put("groups", "/org/staff"));

	/** The application's settings that map the provider's groups above. */
	static final String[] GROUP_MAPPING = {
			"serviceaccounts.identity.group-mapping[/org/staff]=service-account-requesters",
			"serviceaccounts.identity.group-mapping[it-approvers]=service-account-admins",
			"serviceaccounts.identity.group-mapping[platform-admins]=camunda-admin" };

	static final RSAKey KEY = rsaKey("provider-key");

	/** A key the provider does not publish. */
	static final RSAKey OTHER_KEY = rsaKey("provider-key");

	private static TestOpenIdProvider started;

	private final ConfigurableApplicationContext context;

	private final String issuer;

	private TestOpenIdProvider(String... settings) {
		this.context = new SpringApplicationBuilder(Provider.class).web(WebApplicationType.SERVLET)
			.properties("spring.config.name=test-openid-provider", "server.port=0",
					// its own cookie, and another host name than the application's
					// (localhost), since cookies do not tell ports apart
					"server.servlet.session.cookie.name=PROVIDERSESSION", "spring.main.banner-mode=off",
					"logging.level.org.springframework.security=INFO", "test-openid-provider.password=" + PASSWORD)
			.properties(settings)
			.run();
		this.issuer = "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/**
	 * A provider of its own, e.g. for a browser journey or to try sign-in by hand: on
	 * 127.0.0.1 and the given port (0: any free one), with the given password for
	 * everyone.
	 */
	static TestOpenIdProvider start(int port, String password) {
		return new TestOpenIdProvider("server.address=127.0.0.1", "server.port=" + port,
				"test-openid-provider.password=" + password);
	}

	void stop() {
		this.context.close();
	}

	static synchronized TestOpenIdProvider get() {
		if (started == null) {
			started = new TestOpenIdProvider();
			Runtime.getRuntime().addShutdownHook(new Thread(started.context::close));
		}
		return started;
	}

	String issuer() {
		return this.issuer;
	}

	/** Registers a client, e.g. the application once its port is known. */
	void register(RegisteredClient client) {
		this.context.getBean(Clients.class).save(client);
	}

	/**
	 * Registers the application as the client of the authorization-code flow (PKCE
	 * required, no consent page), once its port is known.
	 */
	void registerApplication(int port) {
		String app = "http://localhost:" + port;
		register(RegisteredClient.withId("serviceaccounts-app")
			.clientId(APP_CLIENT)
			.clientSecret("{noop}" + SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(app + "/login/oauth2/code/idp")
			.postLogoutRedirectUri(app + "/camunda/app/")
			.scope("openid")
			.scope("profile")
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true).build())
			.build());
	}

	/** The application's settings for signing in at this provider. */
	String[] applicationSettings() {
		return new String[] { "serviceaccounts.identity.mode=oidc",
				"spring.security.oauth2.client.registration.idp.client-id=" + APP_CLIENT,
				"spring.security.oauth2.client.registration.idp.client-secret=" + SECRET,
				"spring.security.oauth2.client.registration.idp.scope=openid,profile",
				"spring.security.oauth2.client.provider.idp.issuer-uri=" + this.issuer };
	}

	/** A JWT signed with the provider's key (or another), with claims as given. */
	static String sign(RSAKey key, Consumer<JwtClaimsSet.Builder> claims) {
		JwtClaimsSet.Builder builder = JwtClaimsSet.builder();
		claims.accept(builder);
		try {
			NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
			return encoder
				.encode(JwtEncoderParameters
					.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build(), builder.build()))
				.getTokenValue();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Claims as the provider issues them for a person, valid for five minutes. */
	Consumer<JwtClaimsSet.Builder> claimsOf(String person) {
		Instant now = Instant.now();
		return claims -> claims.issuer(this.issuer)
			.subject(person)
			.audience(List.of(AUDIENCE))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(300))
			.claim("preferred_username", person)
			.claim("groups", PEOPLE.get(person));
	}

	/** An unsigned token ({@code alg: none}) with the person's claims. */
	String unsigned(String person) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		Instant now = Instant.now();
		String claims = "{\"iss\":\"" + this.issuer + "\",\"sub\":\"" + person + "\",\"aud\":\"" + AUDIENCE
				+ "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plusSeconds(300).getEpochSecond()
				+ ",\"preferred_username\":\"" + person + "\",\"groups\":[\"/org/staff\"]}";
		return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
	}

	private static RSAKey rsaKey(String id) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(id)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Clients that tests may add to while the provider runs. */
	static final class Clients implements RegisteredClientRepository {

		private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

		@Override
		public void save(RegisteredClient client) {
			this.byId.values().removeIf(existing -> existing.getClientId().equals(client.getClientId()));
			this.byId.put(client.getId(), client);
		}

		@Override
		public RegisteredClient findById(String id) {
			return this.byId.get(id);
		}

		@Override
		public RegisteredClient findByClientId(String clientId) {
			return this.byId.values().stream().filter(c -> c.getClientId().equals(clientId)).findFirst().orElse(null);
		}

	}

	// Not a @Configuration: the application's component scan would find it on the test
	// class path and make the application an authorization server too.
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ErrorMvcAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
			OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class })
	static class Provider {

		@Bean
		Clients registeredClients() {
			Clients clients = new Clients();
			PEOPLE.forEach((person,
					groups) -> clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
						.clientId(person + "-cli")
						.clientSecret("{noop}" + SECRET)
						.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
						.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
						.clientSettings(ClientSettings.builder().setting("test.person", person).build())
						.build()));
			return clients;
		}

		@Bean
		UserDetailsService people(@Value("${test-openid-provider.password}") String password) {
			Map<String, List<String>> everyone = new java.util.HashMap<>(PEOPLE);
			ODD_PEOPLE.keySet().forEach(person -> everyone.put(person, List.of("/org/staff")));
			return new InMemoryUserDetailsManager(everyone.entrySet()
				.stream()
				.map(person -> User.withUsername(person.getKey())
					.password("{noop}" + password)
					.authorities(person.getValue().stream().map(group -> "GROUP_" + group).toArray(String[]::new))
					.build())
				.toList());
		}

		@Bean
		JWKSource<SecurityContext> keys() {
			return new ImmutableJWKSet<>(new JWKSet(KEY));
		}

		/** The person's user id and groups in every token; access tokens for the API. */
		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> personClaims() {
			return context -> {
				String person = context.getRegisteredClient().getClientSettings().getSetting("test.person");
				List<String> groups;
				if (person != null) {
					groups = PEOPLE.get(person);
				}
				else {
					person = context.getPrincipal().getName();
					groups = context.getPrincipal()
						.getAuthorities()
						.stream()
						.map(GrantedAuthority::getAuthority)
						.filter(authority -> authority.startsWith("GROUP_"))
						.map(authority -> authority.substring("GROUP_".length()))
						.toList();
				}
				context.getClaims().claim("preferred_username", person).claim("groups", groups);
				Consumer<Map<String, Object>> odd = ODD_PEOPLE.get(person);
				if (odd != null) {
					context.getClaims().claims(odd);
				}
				if ("access_token".equals(context.getTokenType().getValue())) {
					context.getClaims().audience(List.of(AUDIENCE));
				}
			};
		}

	}

}
