/**
 * Word lists behind the rules against bare names that only look like domains (`bare-domain-objection.ts`):
 * which top-level names are more often file extensions, which are classic enough to trust, and which words are
 * far more often code than host labels.
 */

const wordSet = (words: string): ReadonlySet<string> => new Set(words.split(' '));

/** Public suffixes that are far more often file extensions in chat than domains. Checked against the PSL in tests. */
export const FILE_EXTENSION_TLDS = wordSet('py sh md zip mov rs pl pm so cc mk am ac ml mm sc tf ps ai app one run pro cab download');

/**
 * Classic TLDs: a two-label name under one of these is taken as a domain even when its first label
 * is a common identifier (`x.com`, `t.co`, `data.info`).
 */
export const CLASSIC_TLDS = wordSet('com net org edu gov mil int biz co io me us uk ru cn de fr jp br nl eu tk xyz su ir kp');

/** First labels of reversed-domain package names (`org.apache.commons.io`, `com.google.common.base`). */
export const PACKAGE_ROOTS = wordSet('com org net io edu gov de uk fr android androidx java javax kotlin kotlinx');

/** Words that are far more often variables or modules than host labels (`user.name`, `os.path`, `self.request.user.id`). */
export const CODE_IDENTIFIERS = wordSet(
  'a b c d e f g h i j k m n o p q r s t u v w x y z self this logging parent navigator location super ' +
    'cls that os sys np pd plt tf torch re json math path console window document module exports process ' +
    'global user users obj object item items foo bar baz req request res resp response ctx context app ' +
    'data args kwargs config cfg conf err error ex el elem element node msg message event evt file files ' +
    'db model models props state options opts params param settings env result results val value values ' +
    'str list dict logger log util utils client server session page form field row col df account person ' +
    'customer order entry record task job repo pkg lib mod api http url output input target payload body ' +
    'headers query store router auth member guild channel interaction author bot cmd command image img ' +
    'info meta schema',
);
