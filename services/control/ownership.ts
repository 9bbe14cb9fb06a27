// Who may steer a campaign: its owner (the principal that submitted it) or an admin. Reads are not
// owner-scoped: any token with the read scope sees every campaign, as downstream ML consumers of
// other teams' datasets need.

export interface Principal {
  /** The API token's name (LOCAL_PRINCIPAL for direct catalog access). */
  name: string;
  /** An admin steers every campaign. */
  admin: boolean;
}

/** Why `principal` may not steer the campaign, or undefined when it may. */
export function steeringRefusal(campaign: { id: string; owner: string }, principal: Principal): string | undefined {
  if (principal.admin || campaign.owner === principal.name) return undefined;
  return `campaign '${campaign.id}' belongs to '${campaign.owner}': a submit-scope token steers only the campaigns it submitted ('${principal.name}' did not submit it); an admin token steers any`;
}
