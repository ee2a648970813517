package io.github.serviceaccounts.request;

/** Answers whether another, still open request asks for the same account name. */
public interface OpenRequests {

	boolean existsOtherThan(String accountUserName, String processInstanceId);

}
