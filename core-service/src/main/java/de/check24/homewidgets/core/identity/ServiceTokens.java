package de.check24.homewidgets.core.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The credential every call from the core to a product carries: a short-lived ES256 token
 * the core signs, with the product as audience and the user the core acts for as subject
 * (none for the anonymous home). A product accepts nobody else and acts only for that
 * user. Tokens are reused for half their lifetime, so a busy home costs no signature per
 * call.
 */
public class ServiceTokens {

	private final SigningKeys keys;

	private final ECDSASigner signer;

	private final String issuer;

	private final Duration lifetime;

	private final Clock clock;

	private final Cache<Audience, String> recent;

	ServiceTokens(SigningKeys keys, String issuer, Duration lifetime, Clock clock) {
		this.keys = keys;
		this.issuer = issuer;
		this.lifetime = lifetime;
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(keys.signing());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		this.recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lifetime.dividedBy(2)).build();
	}

	/**
	 * A token for one call.
	 * @param productKey the product called, the token's audience
	 * @param userId the user the call is for, {@code null} for the anonymous home
	 * @return the compact JWT for {@code Authorization: Bearer}
	 */
	public String forCall(String productKey, Long userId) {
		return this.recent.get(new Audience(productKey, userId), this::sign);
	}

	/**
	 * Signs the tokens a fan-out is about to need and does not have yet, at the same
	 * time: a cold home needs one per product, and four ECDSA signatures one after the
	 * other were most of what the core itself added to the slowest product's time.
	 * @param productKeys the products about to be called
	 * @param userId the user the calls are for, {@code null} for the anonymous home
	 * @param signers where the other signatures run while the caller signs one
	 */
	public void prepare(Collection<String> productKeys, Long userId, Executor signers) {
		List<CompletableFuture<String>> signing = new ArrayList<>();
		String ownKey = null;
		for (String productKey : productKeys) {
			if (this.recent.getIfPresent(new Audience(productKey, userId)) != null) {
				continue;
			}
			if (ownKey == null) {
				ownKey = productKey;
				continue;
			}
			try {
				signing.add(CompletableFuture.supplyAsync(() -> forCall(productKey, userId), signers));
			}
			catch (RejectedExecutionException ex) {
				// the call signs its own
			}
		}
		if (ownKey != null) {
			forCall(ownKey, userId);
		}
		for (CompletableFuture<String> token : signing) {
			try {
				token.join();
			}
			catch (CompletionException ex) {
				// the call signs its own, and fails there if it must
			}
		}
	}

	private String sign(Audience audience) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(audience.productKey())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plus(this.lifetime)));
		if (audience.userId() != null) {
			claims.subject(String.valueOf(audience.userId()));
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.keys.signing().getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a service token", ex);
		}
		return jwt.serialize();
	}

	private record Audience(String productKey, Long userId) {

	}

}
