package io.github.serviceaccounts.provisioning;

/**
 * The account name belongs to somebody else's account: a business refusal, revised by the
 * requester.
 */
class AccountNameTakenException extends RuntimeException {

	AccountNameTakenException(String message) {
		super(message);
	}

}
