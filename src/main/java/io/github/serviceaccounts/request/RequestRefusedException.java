package io.github.serviceaccounts.request;

/**
 * A request that cannot go ahead as it stands; the requester may revise or withdraw it.
 */
public class RequestRefusedException extends RuntimeException {

	public RequestRefusedException(String reason) {
		super(reason);
	}

}
