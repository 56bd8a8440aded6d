/**
 * A store refused to save an incident because another open incident has the same monitoring ref:
 * another replica opened one for the same alert at the same moment. The intake reads again and
 * updates that one instead.
 */
export class IncidentRefTaken extends Error {
  constructor(readonly ref: string, readonly id: string) {
    super(`Another open incident already has ref ${ref}; ${id} was not saved.`);
    this.name = 'IncidentRefTaken';
  }
}
