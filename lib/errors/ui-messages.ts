// What a person is told when something fails in a way the domain did not put in words: one place,
// so every page says it the same way.
export const uiMessages = {
  sessionEnded: "Your session has ended. Sign in again; nothing was changed.",
} as const;

export function serverFailureMessage(what: string): string {
  return `${what}: something went wrong on the server. Nothing was changed; try again, and tell your administrator if it persists.`;
}
