package io.github.serviceaccounts.lifecycle;

/**
 * The ids of {@code processes/adoptServiceAccounts.bpmn}: "Adopt existing service
 * accounts", the run a fallback approver starts: it reads ServiceNow page by page and
 * starts an {@link AdoptAccountProcess} for each account not governed yet.
 */
public final class AdoptionProcess {

	public static final String PROCESS_ID = "adoptServiceAccounts";

	public static final String ADOPTION_ASKED = "adoptionAsked";

	public static final String PAGE_NEEDED = "pageNeeded";

	public static final String FIND_ACCOUNTS_TO_ADOPT = "findAccountsToAdopt";

	public static final String MORE_PAGES = "morePages";

	public static final String ADOPTIONS_STARTED = "adoptionsStarted";

	private AdoptionProcess() {
	}

}
