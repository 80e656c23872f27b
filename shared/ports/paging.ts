export interface ListOptions {
  limit: number;
  cursor?: string;
}
