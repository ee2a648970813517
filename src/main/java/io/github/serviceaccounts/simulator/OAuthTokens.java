package io.github.serviceaccounts.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ServiceNow's {@code /oauth_token.do}: client credentials (or the password grant) in, a
 * bearer token out. Only token hashes are kept, in memory: the product shares this JVM,
 * so a restart loses its tokens too.
 */
final class OAuthTokens {

	private final Credentials credentials;

	private final String clientId;

	private final String clientSecret;

	private final Duration lifetime;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Instant> expiryByTokenHash = new ConcurrentHashMap<>();

	OAuthTokens(Credentials credentials, String clientId, String clientSecret, Duration lifetime, Clock clock) {
		this.credentials = credentials;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * @param form the form-encoded body
	 * @param authorization client credentials may also come as HTTP Basic (RFC 6749
	 * client_secret_basic)
	 */
	SimResponse issue(Map<String, List<String>> form, String authorization) {
		String grantType = first(form, "grant_type");
		String[] basic = Credentials.decodeBasic(authorization);
		String id = basic != null ? basic[0] : first(form, "client_id");
		String secret = basic != null ? basic[1] : first(form, "client_secret");
		boolean clientOk = Credentials.constantTimeEquals(clientId, id)
				&& Credentials.constantTimeEquals(clientSecret, secret);
		boolean grantOk = "client_credentials".equals(grantType) || ("password".equals(grantType)
				&& credentials.matches(first(form, "username"), first(form, "password")));
		if (!clientOk || !grantOk) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error_description", "access_denied");
			body.put("error", "server_error");
			return SimResponse.json(401, body);
		}
		Instant now = clock.instant();
		expiryByTokenHash.values().removeIf(expiry -> !expiry.isAfter(now));
		byte[] bytes = new byte[64];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		expiryByTokenHash.put(hash(token), now.plus(lifetime));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		body.put("token_type", "Bearer");
		body.put("expires_in", lifetime.toSeconds());
		body.put("scope", "useraccount");
		return SimResponse.json(200, body);
	}

	boolean isValid(String token) {
		Instant expiry = expiryByTokenHash.get(hash(token));
		return expiry != null && expiry.isAfter(clock.instant());
	}

	private static String first(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	private static String hash(String token) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

}
