package io.github.serviceaccounts.security;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Bearer JWTs of the configured issuer, checked once for every door that takes them (the
 * engine REST API and the actuator): signature, issuer, audience and validity by the
 * issuer's decoder, then the user id and groups by {@link IdentityClaims}. What is
 * refused is said in words that never quote the token.
 */
final class BearerTokens {

	private static final String BEARER = "bearer ";

	private final JwtDecoder decoder;

	private final IdentityClaims claims;

	/**
	 * @param decoder the issuer's decoder, which checks signature, issuer, audience and
	 * validity
	 */
	BearerTokens(JwtDecoder decoder, IdentityClaims claims) {
		this.decoder = decoder;
		this.claims = claims;
	}

	/** The issuer's keys could not be read: not the caller's fault. */
	static final class KeysUnavailable extends RuntimeException {

		KeysUnavailable() {
			super("The bearer token could not be checked: the issuer's keys are not available; try again later", null,
					false, false);
		}

	}

	static boolean isBearer(String authorization) {
		return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	/**
	 * The person the token vouches for.
	 * @throws IdentityClaims.Refused 401 when the token or its claims are not valid, 403
	 * when none of its groups is mapped
	 * @throws KeysUnavailable when the issuer's keys could not be read
	 */
	IdentityClaims.Identity identify(String authorization) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(authorization.substring(BEARER.length()).strip());
		}
		catch (BadJwtException ex) {
			throw new IdentityClaims.Refused(401, "The bearer token is not valid: " + reason(ex));
		}
		catch (JwtException ex) {
			throw new KeysUnavailable();
		}
		return this.claims.identify(jwt.getClaims());
	}

	/**
	 * The validators' findings in plain words; never the token, which a parse error might
	 * quote.
	 */
	static String reason(BadJwtException ex) {
		if (!(ex instanceof JwtValidationException invalid)) {
			return "it is not a JWT signed with one of the issuer's keys (signature, algorithm or format)";
		}
		Set<String> reasons = new LinkedHashSet<>();
		for (OAuth2Error error : invalid.getErrors()) {
			String description = error.getDescription() == null ? "" : error.getDescription();
			if (description.startsWith("Jwt expired")) {
				reasons.add("it has expired");
			}
			else if (description.startsWith("Jwt used before")) {
				reasons.add("it is not valid yet");
			}
			else if (description.contains("iss claim")) {
				reasons.add("it was issued by another issuer");
			}
			else if (description.contains("aud claim")) {
				reasons.add("it is meant for another audience");
			}
			else {
				reasons.add("a claim is not valid");
			}
		}
		return String.join(", ", reasons);
	}

}
