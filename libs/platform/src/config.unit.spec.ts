import { IsInt, IsOptional, IsString, Max, MinLength } from 'class-validator';
import { ConfigError, loadConfig } from './config';

class Example {
  @IsInt() @Max(65535) PORT = 8080;
  @IsString() DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/dossiers';
  @IsOptional() @IsString() @MinLength(16) ADMIN_API_KEY?: string = undefined;
}

describe('configuration from the environment', () => {
  it('reads numbers and keeps defaults', () => {
    expect(loadConfig(Example, { PORT: '9000' })).toMatchObject({ PORT: 9000, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dossiers' });
  });

  it('names each bad setting and never prints a secret or a URL password', () => {
    const load = () => loadConfig(Example, { PORT: '70000', ADMIN_API_KEY: 's3cret-but-15ch', DATABASE_URL: 'postgres://u:pa55word@db/x' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT=70000/);
    expect(load).toThrow(/ADMIN_API_KEY="\[hidden\]"/);
    let message = '';
    try {
      loadConfig(Example, { ADMIN_API_KEY: 's3cret-but-15ch', DATABASE_URL: 'postgres://u:pa55word@db/x', PORT: 'x' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toContain('s3cret-but-15ch');
    expect(message).not.toContain('pa55word');
  });
});
