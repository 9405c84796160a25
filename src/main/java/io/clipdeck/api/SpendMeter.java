package io.clipdeck.api;

/**
 * Reads what a 2xx answer cost, before it is decoded: so an answer that is then rejected (a
 * refusal, JSON that does not fit) is counted too. Must not throw; an unreadable answer costs
 * {@link Spend#NONE} as far as it can tell.
 */
@FunctionalInterface
public interface SpendMeter {

  SpendMeter NONE = (request, response) -> Spend.NONE;

  Spend measure(ApiRequest request, ApiResponse response);
}
