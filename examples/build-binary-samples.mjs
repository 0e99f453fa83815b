// Writes the sample handbook's PDF and Word documents (committed; run again after editing):
//   node examples/build-binary-samples.mjs
import { writeFile } from 'node:fs/promises';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const benefits = [
  ['Benefits at Fernhill Labs', null],
  [
    'Health insurance',
    [
      'All employees and their families are covered by the Fernhill Care health plan from the first day of employment. The company pays the full premium for employees and 80 percent of the premium for partners and children.',
      'The plan covers doctor visits, hospital stays, prescriptions and mental health care. Dental check-ups are covered twice a year; orthodontics for children are covered up to 1,500 EUR per child.',
      'To add a family member, send the People team their name and date of birth within 30 days of the wedding, birth or adoption.',
    ],
  ],
  [
    'Pension',
    [
      'Fernhill Labs matches your pension contributions up to 5 percent of your gross salary. You can change your own contribution once a quarter in the People portal.',
      'Matching starts after three months of employment and is paid with every salary.',
    ],
  ],
  [
    'Learning budget',
    [
      'Every employee has a learning budget of 1,500 EUR per calendar year for courses, conferences and books. Unused budget does not carry over.',
      'You also have five learning days a year, on top of vacation, for courses and conferences. Book them in the People portal as learning days.',
    ],
  ],
  [
    'Wellbeing',
    [
      'The company pays up to 50 EUR a month towards a gym, sports club or yoga membership. Submit the invoice through the expenses tool.',
      'Bike leasing is available in Portugal and the United Kingdom: the company pays the insurance, you pay the monthly leasing rate from your gross salary.',
      'Confidential counselling is free for employees and their families, up to eight sessions a year, through our employee assistance programme.',
    ],
  ],
];

async function buildPdf() {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Benefits at Fernhill Labs');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page;
  let y = 0;
  const newPage = () => {
    page = pdf.addPage([595, 842]);
    y = 780;
  };
  const line = (text, font, size) => {
    page.drawText(text, { x: 60, y, size, font });
    y -= size + 6;
  };
  const wrap = (text, width = 88) =>
    text.split(' ').reduce((lines, word) => {
      const last = lines.at(-1);
      if (last && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
      return lines;
    }, []);
  for (const [index, [heading, paragraphs]] of benefits.entries()) {
    // Title page with health insurance; pension and learning; wellbeing: three pages.
    if (index === 0 || index === 2 || index === 4) newPage();
    line(heading, bold, index === 0 ? 20 : 14);
    for (const paragraph of paragraphs ?? []) {
      for (const text of wrap(paragraph)) line(text, regular, 11);
      y -= 8;
    }
    y -= 10;
  }
  return pdf.save();
}

async function buildDocx() {
  const section = (heading, level, paragraphs) => [
    new Paragraph({ text: heading, heading: level }),
    ...paragraphs.map((text) => new Paragraph({ text })),
  ];
  const children = [
    ...section('Onboarding at Fernhill Labs', HeadingLevel.HEADING_1, [
      'Welcome! This guide walks you through your first weeks.',
    ]),
    ...section('Your first day', HeadingLevel.HEADING_2, [
      'Arrive at 9:30 at your office reception; remote colleagues join the welcome call at 9:30 Lisbon time.',
      'You receive your laptop, set up 1Password and multi-factor authentication with the IT help desk, and meet your buddy for lunch.',
    ]),
    ...section('Your buddy', HeadingLevel.HEADING_2, [
      'Every new employee gets a buddy from another team for the first three months. Your buddy is your first contact for questions about how things work here.',
      'Meet your buddy at least once a week during your first month.',
    ]),
    ...section('Your first week', HeadingLevel.HEADING_2, [
      'Read this handbook, complete the security training in the People portal and book a 30-minute introduction with each person in your team.',
      'By Friday you ship a small change: every new engineer deploys to production in their first week.',
    ]),
    ...section('30, 60 and 90 days', HeadingLevel.HEADING_2, [
      'After 30, 60 and 90 days you and your manager review how onboarding is going. Your probation period ends after 90 days with the last of these reviews.',
    ]),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const folder = new URL('./handbook/', import.meta.url);
await writeFile(new URL('benefits.pdf', folder), await buildPdf());
await writeFile(new URL('onboarding.docx', folder), await buildDocx());
console.log('wrote examples/handbook/benefits.pdf and onboarding.docx');
